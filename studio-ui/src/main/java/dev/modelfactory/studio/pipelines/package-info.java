/**
 * The Pipelines page: the pipelines of the workspace (added from YAML files, validated with
 * {@code file:line: field} errors) and their runs; a run shown as a graph of its steps (status, duration,
 * edges from outputs to the inputs that use them) with the chosen step's log, timings, hashes and outputs,
 * "open" links from outputs into the pages that show them, approve / reject for a waiting {@code approve}
 * step, and start, cancel and resume as background tasks. The workspace side sits behind
 * {@link dev.modelfactory.studio.pipelines.PipelinesBackend}; everything here is plain values and views.
 */
package dev.modelfactory.studio.pipelines;
