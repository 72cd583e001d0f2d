/**
 * Scorers for generation tasks: one class per metric family (text overlap, JSON checks), each a pure
 * function of the output and the item, plus {@link dev.modelfactory.engine.eval.metrics.Scorers}, which
 * scores an output by every metric of its task and validates a task's options (regex, JSON Schema) up front.
 */
package dev.modelfactory.engine.eval.metrics;
