package dev.modelfactory.engine.serve;

/**
 * A snapshot of the scheduler: requests running and waiting, batched decode steps run, tokens generated,
 * the size and number of distinct adapters of the last step, and the bytes of the running requests' KV
 * caches (for a memory meter, beside the pool's resident adapter bytes).
 */
public record ServeStats(int active, int queued, long steps, long tokens, int lastBatch, int lastAdapters,
        long kvCacheBytes) {
}
