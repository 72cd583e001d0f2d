package dev.modelfactory.engine.eval;

/** How a task's items are run: scored generations, log-likelihood of the reference, or of each choice. */
public enum TaskKind {
    /** Decode an answer to the prompt and score it against the reference with text metrics. */
    GENERATION,
    /** Teacher-forced negative log-likelihood of the reference after the prompt (held-out loss, perplexity). */
    LOSS,
    /** Pick the choice with the highest log-likelihood after the prompt; right when it is the answer. */
    MULTIPLE_CHOICE
}
