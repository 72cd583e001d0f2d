package dev.modelfactory.app.cli.train;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.training.RunHandle;
import dev.modelfactory.app.training.TrainingOutcome;
import dev.modelfactory.app.training.TrainingPlan;
import dev.modelfactory.ledger.store.run.RunOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** Waits for a run in the foreground; Ctrl+C stops it with a checkpoint and the adapter so far. */
final class TrainRunner {

    private TrainRunner() {
    }

    static int runToEnd(RunHandle handle, TrainingPlan plan, Output out) throws InterruptedException {
        Thread hook = new Thread(() -> {
            handle.stop();
            try {
                handle.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "train-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        TrainingOutcome o;
        try {
            o = handle.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is stopping the run
            }
        }
        Map<String, Object> json = new LinkedHashMap<>(TrainResults.outcome(o));
        if (plan != null) {
            json.put("plan", TrainResults.plan(plan));
        }
        out.result(json, TrainResults.outcomeText(o));
        return o.outcome() == RunOutcome.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
