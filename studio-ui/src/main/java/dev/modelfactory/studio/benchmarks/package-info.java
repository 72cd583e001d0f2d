/**
 * The Benchmarks page: pick a suite and the systems to compare (a base and its adapters), run them as one
 * job with progress and cancel, read the comparison (metrics with intervals, deltas against a baseline,
 * charts) and the per-example outputs side by side, export HTML and CSV reports. The workspace side sits
 * behind {@link dev.modelfactory.studio.benchmarks.BenchmarksBackend}.
 */
package dev.modelfactory.studio.benchmarks;
