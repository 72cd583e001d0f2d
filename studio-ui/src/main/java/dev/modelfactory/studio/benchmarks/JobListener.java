package dev.modelfactory.studio.benchmarks;

import dev.modelfactory.engine.eval.EvalListener;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.studio.task.TaskContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job's listener: forwards per-system counts to the page's bars and reports the overall fraction
 * ({@code total} = items x systems) and a message to the task list.
 */
final class JobListener implements EvalListener {

    private final TaskContext context;
    private final EvalListener bars;
    private final long total;
    private final Map<String, Integer> done = new ConcurrentHashMap<>();

    JobListener(TaskContext context, EvalListener bars, long total) {
        this.context = context;
        this.bars = bars;
        this.total = total;
    }

    @Override
    public void onProgress(String system, int d, int t) {
        bars.onProgress(system, d, t);
        done.put(system, d);
        context.updateProgress(done.values().stream().mapToLong(Integer::longValue).sum(), total);
        context.updateMessage(system + ": " + d + " of " + t);
    }

    @Override
    public void onItem(ItemOutcome outcome) {
        bars.onItem(outcome);
    }
}
