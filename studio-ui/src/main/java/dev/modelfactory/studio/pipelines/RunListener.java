package dev.modelfactory.studio.pipelines;

/**
 * Live news of a run while a backend call drives it; called on the thread doing the work, possibly often
 * (the page coalesces what reaches the screen).
 */
public interface RunListener {

    /** Ignores everything. */
    RunListener NONE = new RunListener() {
        @Override
        public void updated(RunDetail run) {
        }

        @Override
        public void logged(long runId, String stepId, String line) {
        }
    };

    /** The run changed: a step started, ended, was skipped, or the run stopped. */
    void updated(RunDetail run);

    /** A step wrote a line to its log. */
    void logged(long runId, String stepId, String line);
}
