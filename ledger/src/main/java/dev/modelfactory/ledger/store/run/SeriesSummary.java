package dev.modelfactory.ledger.store.run;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One loss series at a glance: its rows, its first and latest training loss (mean per token over the first
 * and the latest logging window it had rows in), the change between them, and its latest validation loss.
 * Whose data the model learns shows as a falling loss, whose it does not as a flat or rising one.
 */
public record SeriesSummary(RunSeries series, OptionalDouble firstLoss, OptionalDouble latestLoss,
        OptionalDouble latestEvalLoss) {

    /** Latest minus first training loss (negative: the model learned this series' rows). */
    public OptionalDouble change() {
        return firstLoss.isPresent() && latestLoss.isPresent()
                ? OptionalDouble.of(latestLoss.getAsDouble() - firstLoss.getAsDouble()) : OptionalDouble.empty();
    }

    /** A summary per series, in the order given, from the run's points (any order; by step within a series). */
    public static List<SeriesSummary> of(List<RunSeries> series, List<SeriesPoint> points) {
        List<SeriesSummary> out = new ArrayList<>();
        for (RunSeries s : series) {
            long firstStep = Long.MAX_VALUE;
            long lastStep = Long.MIN_VALUE;
            long lastEvalStep = Long.MIN_VALUE;
            OptionalDouble first = OptionalDouble.empty();
            OptionalDouble latest = OptionalDouble.empty();
            OptionalDouble eval = OptionalDouble.empty();
            for (SeriesPoint p : points) {
                if (p.kind() != s.kind() || !p.key().equals(s.key())) {
                    continue;
                }
                if (p.trainLoss().isPresent()) {
                    if (p.step() < firstStep) {
                        firstStep = p.step();
                        first = p.trainLoss();
                    }
                    if (p.step() > lastStep) {
                        lastStep = p.step();
                        latest = p.trainLoss();
                    }
                }
                if (p.evalLoss().isPresent() && p.step() > lastEvalStep) {
                    lastEvalStep = p.step();
                    eval = p.evalLoss();
                }
            }
            out.add(new SeriesSummary(s, first, latest, eval));
        }
        return out;
    }
}
