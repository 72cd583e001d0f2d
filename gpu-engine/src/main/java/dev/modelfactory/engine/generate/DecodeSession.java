package dev.modelfactory.engine.generate;

import dev.modelfactory.engine.model.LlamaSession;

/** What the generator needs of a model: feed tokens, get the logits after the last one. */
public interface DecodeSession {

    /** Processes the tokens as one batch; returns logits [V] after the last of them. */
    float[] append(int[] tokens);

    /** Tokens processed so far. */
    int position();

    /** Most tokens the session can hold. */
    int capacity();

    static DecodeSession of(LlamaSession s) {
        return new DecodeSession() {
            @Override
            public float[] append(int[] tokens) {
                return s.append(tokens);
            }

            @Override
            public int position() {
                return s.position();
            }

            @Override
            public int capacity() {
                return s.capacity();
            }
        };
    }
}
