/**
 * Evaluating a base model and its adapters on a suite of tasks: held-out loss, generation tasks scored by
 * text metrics, multiple choice by log-likelihood; bootstrap confidence intervals and paired comparisons
 * so "adapter B beats adapter A" means outside the noise. The base weights are loaded once per job and
 * adapters are applied per batch (hot-swap), never merged and reloaded per adapter.
 */
package dev.modelfactory.engine.eval;
