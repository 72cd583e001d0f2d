package dev.modelfactory.engine.model;

/**
 * One sequence being processed: a KV cache and the next position. {@link #append} runs the new tokens
 * as one batch (prefill when many, a decode step when one) and returns logits.
 */
public final class LlamaSession implements AutoCloseable {

    private final LlamaModel model;
    private final KvCache cache;
    private int position;

    LlamaSession(LlamaModel model, int capacity) {
        this.model = model;
        this.cache = new KvCache(model.backend(), model.config(), capacity);
    }

    /** Feeds tokens; returns the logits [V] after the last of them. */
    public float[] append(int... tokens) {
        float[] logits = model.forward(cache, position, tokens, false);
        position += tokens.length;
        return logits;
    }

    /** Feeds tokens; returns the logits [T, V] after each of them, row-major. */
    public float[] appendAll(int... tokens) {
        float[] logits = model.forward(cache, position, tokens, true);
        position += tokens.length;
        return logits;
    }

    /**
     * Feeds tokens with a projection delta (e.g. an unmerged LoRA adapter; null for none); returns the
     * logits [V] after the last of them.
     */
    public float[] append(ProjectionDelta delta, int... tokens) {
        float[] logits = model.forward(cache, position, tokens, false, delta);
        position += tokens.length;
        return logits;
    }

    /**
     * Feeds tokens with a projection delta (null for none); returns the logits [T, V] after each of them,
     * row-major. Teacher-forced scoring of a reference with an unmerged adapter uses this.
     */
    public float[] appendAll(ProjectionDelta delta, int... tokens) {
        float[] logits = model.forward(cache, position, tokens, true, delta);
        position += tokens.length;
        return logits;
    }

    LlamaModel model() {
        return model;
    }

    KvCache cache() {
        return cache;
    }

    /** Counts {@code n} positions as filled by a batched step of the model. */
    void advance(int n) {
        position += n;
    }

    /** Tokens processed so far: the position of the next token. */
    public int position() {
        return position;
    }

    public int capacity() {
        return cache.capacity();
    }

    public int vocabSize() {
        return model.config().vocabSize();
    }

    /** Forgets positions from {@code newPosition} on (e.g. to start over with 0). */
    public void rewind(int newPosition) {
        if (newPosition < 0 || newPosition > position) {
            throw new IllegalArgumentException("cannot rewind to " + newPosition + " from " + position);
        }
        position = newPosition;
    }

    @Override
    public void close() {
        cache.close();
    }
}
