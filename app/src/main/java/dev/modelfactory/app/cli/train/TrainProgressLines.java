package dev.modelfactory.app.cli.train;

import dev.modelfactory.app.training.RunListener;
import dev.modelfactory.engine.train.loop.StepMetrics;
import java.io.PrintWriter;
import java.util.Locale;

/** Progress lines on stderr: at most one a second, plus every evaluation, checkpoint and the last step. */
public final class TrainProgressLines implements RunListener {

    private final PrintWriter err;
    private long lastLine;

    public TrainProgressLines(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onStep(long runId, StepMetrics m, int totalSteps) {
        long now = System.nanoTime();
        if (!m.hasEvalLoss() && m.step() != totalSteps && now - lastLine < 1_000_000_000L) {
            return;
        }
        lastLine = now;
        err.println(String.format(Locale.ROOT, "run %d step %d/%d epoch %.2f loss %.4f%s lr %.3g grad-norm %.3f %.0f tok/s",
                runId, m.step(), totalSteps, m.epoch(), m.loss(),
                m.hasEvalLoss() ? String.format(Locale.ROOT, " eval-loss %.4f", m.evalLoss()) : "", m.lr(), m.gradNorm(),
                m.tokensPerSecond()));
        err.flush();
    }

    @Override
    public void onCheckpoint(long runId, int step) {
        err.println("run " + runId + ": checkpoint at step " + step);
        err.flush();
    }
}
