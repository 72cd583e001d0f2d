package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.CheckOptions;
import dev.modelfactory.ledger.store.dataset.CheckSummary;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import dev.modelfactory.ledger.task.CancellationToken;
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

/**
 * {@code modelfactory dataset dedupe NAME [--near [--threshold J]]}: rejects exact duplicates, keeping one
 * per group, or (with {@code --near}) near-duplicates, keeping the first row of each MinHash/LSH cluster;
 * recorded in the history, so undoable.
 */
@Command(name = "dedupe", mixinStandardHelpOptions = true,
        description = "Reject exact duplicates (same normalised text), keeping the first (or last) row of each group;"
                + " with --near, find near-duplicate clusters (MinHash + LSH) and keep the first row of each."
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

    @Option(names = "--near", description = "Near-duplicates instead of exact ones (runs the near-duplicate check first).")
    private boolean near;

    @Option(names = "--threshold", paramLabel = "JACCARD",
            description = "With --near: the similarity (Jaccard over word 3-grams) in (0, 1); default 0.8.")
    private Double threshold;

    @Override
    public Integer call() throws IOException {
        if (threshold != null && !near) {
            throw new BadInputException("--threshold: only with --near");
        }
        if (near && keep == Keep.LAST) {
            throw new BadInputException("--keep: with --near the first row of each cluster stays");
        }
        if (near) {
            return nearDuplicates();
        }
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

    private int nearDuplicates() throws IOException {
        CheckOptions options;
        try {
            options = CheckOptions.builder().text(false).pii(false).nearDuplicates(true)
                    .nearDuplicateThreshold(threshold == null ? 0.8 : threshold).build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--threshold: " + e.getMessage());
        }
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = DatasetCli.dataset(store, name);
            CheckSummary check = store.runChecks(ds.id(), options, DatasetCli.progress(spec, "near-duplicates", "rows"),
                    CancellationToken.NONE);
            Optional<HistoryEntry> e = store.rejectNearDuplicates(ds.id(), actor);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dataset", ds.name());
            j.put("near", true);
            j.put("threshold", options.nearDuplicateThreshold());
            j.put("clusters", check.nearDuplicateClusters());
            j.put("rejected", e.map(HistoryEntry::rowCount).orElse(0L));
            j.put("keep", "first");
            j.put("history", e.map(DatasetJson::entry).orElse(null));
            DatasetCli.output(spec).result(j, e.map(h -> "Done: " + h.description() + " (" + check.nearDuplicateClusters()
                    + " clusters). Undo with: modelfactory dataset undo " + DatasetChecks.quoted(ds.name()))
                    .orElse("No near-duplicates to reject in '" + ds.name() + "'."));
            return ExitCodes.OK;
        }
    }
}
