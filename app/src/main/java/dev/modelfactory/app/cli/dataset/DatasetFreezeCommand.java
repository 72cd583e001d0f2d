package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory dataset freeze NAME}: an immutable version named by the Merkle root of its rows. */
@Command(name = "freeze", mixinStandardHelpOptions = true,
        description = "Freeze the rows not rejected, with their current splits, into an immutable version whose id is"
                + " the Merkle root over the rows. Freezing unchanged rows again returns the existing version.")
public final class DatasetFreezeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    private String name;

    @Option(names = {"--message", "-m"}, paramLabel = "TEXT", description = "A label for the version.")
    private String message;

    @Override
    public Integer call() throws IOException {
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = DatasetCli.dataset(store, name);
            int before = store.versions(ds.id()).size();
            DatasetVersion v;
            try {
                v = store.freeze(ds.id(), new FreezeOptions(message, null), DatasetCli.progress(spec, "freeze " + ds.name(), "rows"),
                        CancellationToken.NONE);
            } catch (IllegalStateException e) {
                throw new BadInputException("dataset '" + ds.name() + "': " + e.getMessage(), e);
            }
            boolean created = store.versions(ds.id()).size() > before;
            Map<String, Object> j = new java.util.LinkedHashMap<>();
            j.put("dataset", ds.name());
            j.put("created", created);
            j.put("version", DatasetJson.version(v));
            DatasetCli.output(spec).result(j, (created ? "Frozen " : "Unchanged since version ") + v.root() + " ("
                    + v.rowCount() + " rows)");
            return ExitCodes.OK;
        }
    }
}
