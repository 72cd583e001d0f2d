package dev.modelfactory.engine.generate;

/** Why generation ended. */
public enum StopReason {
    /** The max-tokens budget was used up. */
    MAX_TOKENS,
    /** A stop token (e.g. end of sequence) was sampled; it is not part of the output. */
    STOP_TOKEN,
    /** The output ended with a stop sequence of token ids; it is removed from the output. */
    STOP_SEQUENCE,
    /** The decoded text contained a stop string; the text is cut before it. */
    STOP_TEXT,
    /** The cancellation token said so. */
    CANCELLED,
    /** The session's context is full. */
    CONTEXT_FULL
}
