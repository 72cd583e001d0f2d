package dev.modelfactory.engine.serve;

import dev.modelfactory.engine.serve.lora.LoraWeights;

/**
 * A resident adapter held for use: while any lease is open the pool does not evict (and so does not unmap)
 * it. Close it when the request that uses the adapter ends or switches to another.
 */
public final class AdapterLease implements AutoCloseable {

    private final AdapterPool pool;
    private final AdapterPool.Entry entry;
    private final LoraWeights weights;
    private boolean closed;

    AdapterLease(AdapterPool pool, AdapterPool.Entry entry, LoraWeights weights) {
        this.pool = pool;
        this.entry = entry;
        this.weights = weights;
    }

    public String id() {
        return entry.info.id();
    }

    public LoraWeights weights() {
        return weights;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        pool.release(entry);
    }
}
