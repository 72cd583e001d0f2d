/**
 * The reference backend: plain scalar loops written straight from the formulas, never optimised. It is
 * the oracle the contract tests hold every other backend to. Ranked lowest; pick it with
 * {@code -Dmodelfactory.backend=reference}.
 */
package dev.modelfactory.engine.backend.reference;
