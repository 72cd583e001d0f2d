/**
 * Evaluation in the workspace: suites made from datasets' TEST splits or imported from JSONL and stored
 * versioned by content, evaluation jobs (base opened once, adapters hot-swapped by the engine's runner)
 * stored with every output, stored results reopened without evaluating, bootstrap summaries and paired
 * comparisons, and the Benchmarks page's backend over all of it.
 */
package dev.modelfactory.app.eval;
