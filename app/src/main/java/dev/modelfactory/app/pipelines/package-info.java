/**
 * Workflow pipelines: a YAML file of steps (import, check, freeze, train, eval, gate, approve, attest, anchor,
 * export) wired by named outputs, run step by step with every step recorded in the workspace
 * ({@code ledger.store.pipeline}), skipped when its inputs' content hashes are unchanged and its outputs still
 * exist, resumed from the step that failed, paused at approve steps until a person decides.
 *
 * <p>{@link dev.modelfactory.app.pipelines.PipelineService} is the one entry point for the CLI
 * ({@code app.cli.pipeline}) and the studio's Pipelines page; the YAML schema is in {@code docs/pipelines.md}.
 */
package dev.modelfactory.app.pipelines;
