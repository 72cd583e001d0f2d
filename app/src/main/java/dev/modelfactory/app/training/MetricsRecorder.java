package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.loop.StepMetrics;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Streams a run's step metrics into the RunStore in batches (one transaction per {@value #BATCH} points or
 * per second, whichever comes first, and at every checkpoint and the end), so curves survive a restart
 * without a database write per step. The run's loss series ({@link SeriesTracker}, may be null) are
 * written on the same cadence.
 */
final class MetricsRecorder {

    private static final int BATCH = 25;
    private static final long MAX_DELAY_NANOS = 1_000_000_000L;

    private final RunStore runs;
    private final long runId;
    private final long startedNanos = System.nanoTime();
    private final long elapsedBefore;
    private final List<MetricPoint> pending = new ArrayList<>();
    private long lastFlush = System.nanoTime();
    private final SeriesTracker series;

    MetricsRecorder(RunStore runs, long runId, long elapsedBefore, SeriesTracker series) {
        this.series = series;
        this.runs = runs;
        this.runId = runId;
        this.elapsedBefore = elapsedBefore;
    }

    void add(StepMetrics m) {
        long elapsed = elapsedBefore + (System.nanoTime() - startedNanos) / 1_000_000;
        pending.add(new MetricPoint(m.step(), m.epoch(), elapsed, finite(m.loss()), finite(m.evalLoss()),
                finite(m.lr()), finite(m.gradNorm()), finite(m.tokensPerSecond()), OptionalLong.of(m.memoryBytes())));
        if (pending.size() >= BATCH || System.nanoTime() - lastFlush > MAX_DELAY_NANOS) {
            flush();
        }
    }

    void flush() {
        if (!pending.isEmpty()) {
            runs.record(runId, List.copyOf(pending));
            pending.clear();
        }
        if (series != null) {
            series.flush();
        }
        lastFlush = System.nanoTime();
    }

    private static OptionalDouble finite(double v) {
        return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }
}
