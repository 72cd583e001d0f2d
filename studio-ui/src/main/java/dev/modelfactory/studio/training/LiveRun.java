package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.MetricPoint;
import java.util.Optional;

/** The run training now, as the pages show it: its control, the last point it reported, whether paused. */
public record LiveRun(RunControl control, String name, Optional<MetricPoint> last, boolean paused) {

    public long runId() {
        return control.runId();
    }

    LiveRun withLast(MetricPoint p) {
        return new LiveRun(control, name, Optional.of(p), paused);
    }

    LiveRun withPaused(boolean p) {
        return new LiveRun(control, name, last, p);
    }
}
