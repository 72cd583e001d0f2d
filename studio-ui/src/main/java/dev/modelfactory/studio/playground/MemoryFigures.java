package dev.modelfactory.studio.playground;

/**
 * The memory meter's figures in bytes: base weights (the model file), resident adapters (pool), KV caches
 * of running requests (scheduler), and the JVM's free heap (max minus used).
 */
public record MemoryFigures(long baseBytes, long adapterBytes, long adapterBudgetBytes, long kvCacheBytes,
                            long jvmFreeBytes) {
}
