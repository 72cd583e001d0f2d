package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory dataset split NAME --ratios 0.8,0.1,0.1 --seed N}: deterministic splits; undoable. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Assign train/validation/test to the rows not rejected, by ratio and seed (the same rows and seed"
                + " always give the same split), optionally stratified by tag. Recorded in the history; a frozen"
                + " version keeps the splits it was frozen with.")
public final class DatasetSplitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    private String name;

    @Option(names = "--ratios", required = true, paramLabel = "T,V,E", split = ",",
            description = "Train, validation and test ratios summing to 1, e.g. 0.8,0.1,0.1.")
    private List<Double> ratios;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "The seed.")
    private long seed;

    @Option(names = "--stratify-by-tag", description = "Split each set of tags on its own by the same ratios.")
    private boolean stratify;

    @Option(names = "--actor", paramLabel = "ID", description = "Who does this (recorded in the history).")
    private String actor;

    @Override
    public Integer call() throws IOException {
        if (ratios.size() != 3) {
            throw new BadInputException("--ratios: give three ratios (train,validation,test), got " + ratios.size());
        }
        SplitSpec splitSpec;
        try {
            splitSpec = new SplitSpec(ratios.get(0), ratios.get(1), ratios.get(2), seed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--ratios: " + e.getMessage(), e);
        }
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = DatasetCli.dataset(store, name);
            Optional<HistoryEntry> e = store.split(ds.id(), splitSpec, stratify, actor,
                    DatasetCli.progress(spec, "split " + ds.name(), "rows"), CancellationToken.NONE);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dataset", ds.name());
            j.put("ratios", ratios);
            j.put("seed", seed);
            j.put("stratifyByTag", stratify);
            j.put("changed", e.map(HistoryEntry::rowCount).orElse(0L));
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Split s : Split.values()) {
                counts.put(s.wire(), store.count(ds.id(), RowFilter.ALL.withSplit(s)));
            }
            j.put("rows", counts);
            j.put("history", e.map(DatasetJson::entry).orElse(null));
            String text = String.format(Locale.ROOT, "%s: train %,d, validation %,d, test %,d (%s)", ds.name(),
                    counts.get("train"), counts.get("validation"), counts.get("test"),
                    e.map(HistoryEntry::description).orElse("no row changed split"));
            DatasetCli.output(spec).result(j, text);
            return ExitCodes.OK;
        }
    }
}
