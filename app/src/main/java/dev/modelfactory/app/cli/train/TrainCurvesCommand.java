package dev.modelfactory.app.cli.train;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.RunSeries;
import dev.modelfactory.ledger.store.run.SeriesKind;
import dev.modelfactory.ledger.store.run.SeriesPoint;
import dev.modelfactory.ledger.store.run.SeriesSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelfactory train curves RUN [--by contributor|tag]}: a run's per-contributor (or per-tag) loss
 * series: each series' rows, first and latest training loss and change, latest validation loss, and (with
 * {@code --json}) every point.
 */
@Command(name = "curves", mixinStandardHelpOptions = true,
        description = "A run's loss per contributor (or per tracked tag): whose rows the model learns and whose"
                + " it does not.")
public final class TrainCurvesCommand implements Callable<Integer> {

    /** What the series are grouped by. */
    enum By { contributor, tag }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id.")
    private long runId;

    @Option(names = "--by", paramLabel = "contributor|tag", description = "Series by contributor (default) or by"
            + " the tags tracked with --track-tag.")
    private By by = By.contributor;

    @Override
    public Integer call() throws Exception {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            TrainingService service = new TrainingService(ws);
            if (service.runs().get(runId).isEmpty()) {
                throw new BadInputException("RUN: no run with id " + runId);
            }
            SeriesKind kind = by == By.tag ? SeriesKind.TAG : SeriesKind.CONTRIBUTOR;
            List<RunSeries> series = service.series().series(runId).stream().filter(s -> s.kind() == kind).toList();
            List<SeriesPoint> points = service.series().points(runId).stream().filter(p -> p.kind() == kind).toList();
            List<SeriesSummary> summaries = SeriesSummary.of(series, points);
            new Output(spec.commandLine().getOut(), root.json()).result(json(summaries, points),
                    text(summaries, kind));
            return 0;
        }
    }

    private Map<String, Object> json(List<SeriesSummary> summaries, List<SeriesPoint> points) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", runId);
        m.put("by", by.name());
        List<Map<String, Object>> list = new ArrayList<>();
        for (SeriesSummary s : summaries) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", s.series().key());
            e.put("trainRows", s.series().trainRows());
            e.put("evalRows", s.series().evalRows());
            e.put("firstLoss", value(s.firstLoss()));
            e.put("latestLoss", value(s.latestLoss()));
            e.put("change", value(s.change()));
            e.put("latestEvalLoss", value(s.latestEvalLoss()));
            List<Map<String, Object>> ps = new ArrayList<>();
            for (SeriesPoint p : points) {
                if (p.key().equals(s.series().key())) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("step", p.step());
                    pm.put("trainLoss", value(p.trainLoss()));
                    pm.put("trainTokens", p.trainTokens());
                    pm.put("evalLoss", value(p.evalLoss()));
                    pm.put("evalTokens", p.evalTokens());
                    ps.add(pm);
                }
            }
            e.put("points", ps);
            list.add(e);
        }
        m.put("series", list);
        return m;
    }

    private String text(List<SeriesSummary> summaries, SeriesKind kind) {
        if (summaries.isEmpty()) {
            return "run " + runId + " has no " + (kind == SeriesKind.TAG ? "tag series (train with --track-tag TAG)"
                    : "contributor series (it was trained before per-contributor curves were kept)");
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-32s %8s %10s %10s %9s %10s%n",
                kind == SeriesKind.TAG ? "tag" : "contributor", "rows", "first", "latest", "change", "eval"));
        for (SeriesSummary s : summaries) {
            String key = s.series().key();
            b.append(String.format(Locale.ROOT, "%-32s %8d %10s %10s %9s %10s%n",
                    key.length() > 32 ? key.substring(0, 29) + "..." : key, s.series().trainRows(),
                    fmt(s.firstLoss(), false), fmt(s.latestLoss(), false), fmt(s.change(), true),
                    fmt(s.latestEvalLoss(), false)));
        }
        return b.toString().stripTrailing();
    }

    private static Object value(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    private static String fmt(OptionalDouble v, boolean signed) {
        return v.isPresent() ? String.format(Locale.ROOT, signed ? "%+.4f" : "%.4f", v.getAsDouble()) : "-";
    }
}
