package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.loop.ExampleLosses;
import dev.modelfactory.ledger.store.run.RunSeries;
import dev.modelfactory.ledger.store.run.RunSeriesStore;
import dev.modelfactory.ledger.store.run.SeriesPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Turns a run's per-example losses into its per-contributor and per-tag series: the training losses of each
 * series' examples are summed over a logging window of {@code window} steps (windows end at multiples of
 * {@code window} and at the last step, so a resumed run cuts them where an uninterrupted one does), and a
 * point with the mean loss per token is made at the window's end; on an evaluation step, each series also
 * gets its validation rows' mean loss per token. Points go to {@code live} when made and to the store at
 * {@link #flush()} (one transaction; the metrics recorder calls it on its own cadence). Training thread only.
 */
final class SeriesTracker {

    /** At most about this many training points per series, however long the run. */
    static final int POINTS = 100;

    private final SeriesPlan plan;
    private final int window;
    private final int totalSteps;
    private final RunSeriesStore store;
    private final long runId;
    private final Consumer<List<SeriesPoint>> live;
    private final double[] sums;
    private final long[] tokens;
    private final List<SeriesPoint> pending = new ArrayList<>();
    private int lastStep;

    SeriesTracker(SeriesPlan plan, int totalSteps, RunSeriesStore store, long runId, Consumer<List<SeriesPoint>> live) {
        this.plan = plan;
        this.totalSteps = totalSteps;
        this.window = windowFor(totalSteps);
        this.store = store;
        this.runId = runId;
        this.live = live;
        this.sums = new double[plan.series().size()];
        this.tokens = new long[plan.series().size()];
    }

    static int windowFor(int totalSteps) {
        return Math.max(1, (totalSteps + POINTS - 1) / POINTS);
    }

    int window() {
        return window;
    }

    /** Stores the run's series (their row counts); call before the first step. */
    void define() {
        store.define(runId, plan.series());
    }

    void add(int step, ExampleLosses train, ExampleLosses eval) {
        lastStep = step;
        accumulate(train, plan.trainMembers(), sums, tokens);
        boolean windowEnds = step % window == 0 || step >= totalSteps;
        if (!windowEnds && eval == null) {
            return;
        }
        double[] evalSums = new double[sums.length];
        long[] evalTokens = new long[sums.length];
        if (eval != null) {
            accumulate(eval, plan.evalMembers(), evalSums, evalTokens);
        }
        emit(step, windowEnds, evalSums, evalTokens);
    }

    /** Ends the current window early (the run stopped inside it): its point goes at the last step seen. */
    void closeWindow() {
        if (lastStep > 0) {
            emit(lastStep, true, new double[sums.length], new long[sums.length]);
        }
    }

    /** Writes the points made since the last flush, in one transaction. */
    void flush() {
        if (!pending.isEmpty()) {
            store.record(runId, List.copyOf(pending));
            pending.clear();
        }
    }

    private void emit(int step, boolean withTrain, double[] evalSums, long[] evalTokens) {
        List<SeriesPoint> made = new ArrayList<>();
        for (int s = 0; s < sums.length; s++) {
            OptionalDouble train = withTrain ? mean(sums[s], tokens[s]) : OptionalDouble.empty();
            OptionalDouble eval = mean(evalSums[s], evalTokens[s]);
            if (train.isEmpty() && eval.isEmpty()) {
                continue;
            }
            RunSeries series = plan.series().get(s);
            made.add(new SeriesPoint(series.kind(), series.key(), step, train, train.isPresent() ? tokens[s] : 0,
                    eval, eval.isPresent() ? evalTokens[s] : 0));
        }
        if (withTrain) {
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(tokens, 0);
        }
        if (!made.isEmpty()) {
            pending.addAll(made);
            live.accept(List.copyOf(made));
        }
    }

    private static OptionalDouble mean(double sum, long n) {
        double m = n > 0 ? sum / n : Double.NaN;
        return Double.isFinite(m) ? OptionalDouble.of(m) : OptionalDouble.empty();
    }

    private static void accumulate(ExampleLosses losses, int[][] members, double[] sums, long[] tokens) {
        for (int i = 0; i < losses.size(); i++) {
            for (int s : members[losses.example(i)]) {
                sums[s] += losses.lossSum(i);
                tokens[s] += losses.lossTokens(i);
            }
        }
    }
}
