package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory dataset history NAME}: the curation operations, newest first. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the dataset's curation operations, newest first (undone ones marked).")
public final class DatasetHistoryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    private String name;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N entries (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() throws IOException {
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = DatasetCli.dataset(store, name);
            List<HistoryEntry> entries = store.history(ds.id(), 0, Math.max(0, Math.min(limit, 10_000)));
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dataset", ds.name());
            j.put("entries", entries.stream().map(DatasetJson::entry).toList());
            StringBuilder t = new StringBuilder();
            for (HistoryEntry e : entries) {
                t.append(String.format(Locale.ROOT, "%6d  %s  %-7s %s%s%n", e.id(), e.at(), e.undone() ? "undone" : "",
                        e.description(), e.actor() == null ? "" : "  by " + e.actor()));
            }
            DatasetCli.output(spec).result(j, entries.isEmpty() ? "No curation operations on '" + ds.name() + "' yet."
                    : t.toString().stripTrailing());
            return ExitCodes.OK;
        }
    }
}
