/**
 * The comparison of an evaluation result and its exports, in plain Java (no JavaFX) so the CLI can reuse
 * them: {@link dev.modelfactory.studio.benchmarks.report.Comparison} (bootstrap means and paired deltas per
 * task x metric x system), {@link dev.modelfactory.studio.benchmarks.report.Examples} (items with every
 * system's output, the filters), {@link dev.modelfactory.studio.benchmarks.report.TokenDiff} (token-level LCS
 * against the reference), chart models drawn as SVG, and the self-contained HTML and RFC 4180 CSV reports.
 */
package dev.modelfactory.studio.benchmarks.report;
