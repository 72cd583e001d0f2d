package dev.modelfactory.engine.serve;

/**
 * A snapshot of the scheduler: requests running and waiting, batched decode steps run, tokens generated,
 * the size and number of distinct adapters of the last step.
 */
public record ServeStats(int active, int queued, long steps, long tokens, int lastBatch, int lastAdapters) {
}
