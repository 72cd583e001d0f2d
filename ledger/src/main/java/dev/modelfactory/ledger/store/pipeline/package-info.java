/**
 * Workflow pipeline runs kept in the workspace: the pipeline files the workspace knows, each run (the YAML
 * text as it ran, trigger, status) and each of its steps (status, the content hash of its inputs, typed
 * references to its outputs, log, timings, an approval decision), so runs can be listed, resumed and
 * skipped step by step after a restart.
 */
package dev.modelfactory.ledger.store.pipeline;
