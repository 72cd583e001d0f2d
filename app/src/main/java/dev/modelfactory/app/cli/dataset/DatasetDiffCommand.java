package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.VersionDiff;
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

/** {@code modelfactory dataset diff NAME V1 V2}: rows added and removed between two versions, by row hash. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two versions by row hash: rows added, removed and kept (an edited row is one removed"
                + " and one added).")
public final class DatasetDiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
    private String name;

    @Parameters(index = "1", paramLabel = "V1", description = "The older version (root or prefix).")
    private String from;

    @Parameters(index = "2", paramLabel = "V2", description = "The newer version (root or prefix).")
    private String to;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10", description = "Row hashes to list per side (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Override
    public Integer call() throws IOException {
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = DatasetCli.dataset(store, name);
            DatasetVersion a = DatasetCli.version(store, ds, from);
            DatasetVersion b = DatasetCli.version(store, ds, to);
            VersionDiff d = store.diff(a, b);
            int n = Math.max(0, Math.min(rows, 10_000));
            List<String> added = store.addedRows(a, b, 0, n).stream().map(DatasetRow::rowHash).toList();
            List<String> removed = store.addedRows(b, a, 0, n).stream().map(DatasetRow::rowHash).toList();
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dataset", ds.name());
            j.put("from", a.root());
            j.put("to", b.root());
            j.put("added", d.added());
            j.put("removed", d.removed());
            j.put("kept", d.kept());
            j.put("addedRows", added);
            j.put("removedRows", removed);
            StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%s -> %s: %,d added, %,d removed, %,d kept",
                    a.shortRoot(), b.shortRoot(), d.added(), d.removed(), d.kept()));
            added.forEach(h -> t.append("\n+ ").append(h));
            removed.forEach(h -> t.append("\n- ").append(h));
            DatasetCli.output(spec).result(j, t.toString());
            return ExitCodes.OK;
        }
    }
}
