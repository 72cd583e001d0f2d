package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetOverview;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import dev.modelfactory.ledger.store.dataset.UseExclusions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelfactory dataset show NAME}: rows by status, split and contributor, the versions, rows
 * excluded from each use by their contributor's terms, and what undo / redo would do.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a dataset: rows by status, split and contributor, versions, permission exclusions per use,"
                + " and the next undo/redo.")
public final class DatasetShowCommand implements Callable<Integer> {

    private static final String[] SPLITS = {"train", "validation", "test", "none"};

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    private String name;

    @Override
    public Integer call() throws IOException {
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = DatasetCli.dataset(store, name);
            DatasetOverview o = store.overview(ds.id());
            List<DatasetVersion> versions = store.versions(ds.id());
            Map<String, Object> j = new LinkedHashMap<>();
            StringBuilder t = new StringBuilder();
            j.put("name", ds.name());
            j.put("description", ds.description());
            j.put("createdAt", ds.createdAt().toString());
            j.put("rows", o.rows());
            t.append(String.format(Locale.ROOT, "%s: %,d rows%s%n", ds.name(), o.rows(),
                    ds.description().isBlank() ? "" : " (" + ds.description() + ")"));

            Map<String, Long> status = new LinkedHashMap<>();
            for (RowStatus s : RowStatus.values()) {
                status.put(s.name().toLowerCase(Locale.ROOT), o.byStatus().get(s));
            }
            j.put("byStatus", status);
            t.append("status        ").append(counts(status)).append('\n');
            Map<String, Long> split = new LinkedHashMap<>();
            for (String s : SPLITS) {
                split.put(s, o.bySplit().getOrDefault(s, 0L));
            }
            j.put("bySplit", split);
            t.append("split         ").append(counts(split)).append('\n');
            j.put("contributors", o.contributors());
            j.put("byContributor", o.byContributor().stream().map(c -> contributor(c.contributor(), c.rows())).toList());
            t.append("contributors  ").append(o.contributors()).append(": ").append(o.byContributor().stream().limit(10)
                    .map(c -> who(c.contributor()) + " (" + c.rows() + ")").collect(Collectors.joining(", ")))
                    .append(o.contributors() > 10 ? ", ..." : "").append('\n');

            List<Map<String, Object>> exclusions = new ArrayList<>();
            for (Use use : Use.values()) {
                UseExclusions x = store.exclusions(ds.id(), use);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("use", DatasetCli.useName(use));
                e.put("rows", x.excludedRows());
                e.put("byContributor", x.byContributor().stream().map(c -> contributor(c.contributor(), c.rows())).toList());
                exclusions.add(e);
                if (x.excludedRows() > 0) {
                    t.append(String.format(Locale.ROOT, "%,d rows excluded from %s: %s%n", x.excludedRows(),
                            DatasetCli.useName(use), x.byContributor().stream().map(c -> who(c.contributor()) + " ("
                                    + c.rows() + ")").collect(Collectors.joining(", "))));
                }
            }
            j.put("exclusions", exclusions);

            j.put("versions", versions.stream().map(DatasetJson::version).toList());
            t.append("versions      ").append(versions.size()).append('\n');
            versions.forEach(v -> t.append("  ").append(DatasetJson.versionLine(v)).append('\n'));
            var undo = store.nextUndo(ds.id());
            var redo = store.nextRedo(ds.id());
            j.put("nextUndo", undo.map(DatasetJson::entry).orElse(null));
            j.put("nextRedo", redo.map(DatasetJson::entry).orElse(null));
            t.append("undo          ").append(undo.map(e -> e.description()).orElse("-")).append('\n');
            t.append("redo          ").append(redo.map(e -> e.description()).orElse("-"));
            DatasetCli.output(spec).result(j, t.toString());
            return ExitCodes.OK;
        }
    }

    private static Map<String, Object> contributor(String who, long rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contributor", who);
        m.put("rows", rows);
        return m;
    }

    private static String who(String contributor) {
        return contributor == null ? "(no contributor)" : contributor;
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
