package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory dataset dedupe NAME}: rejects exact duplicates, keeping one per group; undoable. */
@Command(name = "dedupe", mixinStandardHelpOptions = true,
        description = "Reject exact duplicates (same normalised text), keeping the first (or last) row of each group."
                + " Recorded in the history: undo with 'modelfactory dataset undo NAME'.")
public final class DatasetDedupeCommand implements Callable<Integer> {

    /** Which row of a duplicate group stays. */
    enum Keep { FIRST, LAST }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    private String name;

    @Option(names = "--keep", paramLabel = "WHICH", defaultValue = "first",
            description = "Which row of each group stays: first or last in import order (default: ${DEFAULT-VALUE}).")
    private Keep keep;

    @Option(names = "--actor", paramLabel = "ID", description = "Who does this (recorded in the history).")
    private String actor;

    @Override
    public Integer call() throws IOException {
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = DatasetCli.dataset(store, name);
            Optional<HistoryEntry> e = store.rejectDuplicates(ds.id(), keep == Keep.FIRST, actor);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dataset", ds.name());
            j.put("rejected", e.map(HistoryEntry::rowCount).orElse(0L));
            j.put("keep", keep.name().toLowerCase(java.util.Locale.ROOT));
            j.put("history", e.map(DatasetJson::entry).orElse(null));
            DatasetCli.output(spec).result(j, e.map(h -> "Done: " + h.description() + ". Undo with: modelfactory dataset undo "
                    + DatasetChecks.quoted(ds.name())).orElse("No exact duplicates to reject in '" + ds.name() + "'."));
            return ExitCodes.OK;
        }
    }
}
