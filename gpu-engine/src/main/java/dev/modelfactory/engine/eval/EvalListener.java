package dev.modelfactory.engine.eval;

/** Progress of an evaluation job, called from the job's thread. */
public interface EvalListener {

    /** {@code done} of {@code total} items finished for {@code system}. */
    void onProgress(String system, int done, int total);

    /** One item scored (every system, every item, in no promised order). */
    default void onItem(ItemOutcome outcome) {
    }

    EvalListener NONE = (system, done, total) -> { };
}
