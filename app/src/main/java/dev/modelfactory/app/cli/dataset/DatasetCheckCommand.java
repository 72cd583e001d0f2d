package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.CheckOptions;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import java.io.IOException;
import java.util.ArrayList;
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

/** {@code modelfactory dataset check NAME}: runs the {@link DatasetChecks} and reports what each flags. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a dataset's rows (exact and near duplicates, empty conversations, PII, empty or truncated"
                + " replies, token length, non-text, duplicates across contributors), store the flags (the Datasets page"
                + " filters on them) and say how many each check flags.")
public final class DatasetCheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    private String name;

    @Option(names = "--only", paramLabel = "CHECK", split = ",", description = "Run only these checks (by id).")
    private List<String> only;

    @Option(names = "--threshold", paramLabel = "JACCARD", defaultValue = "0.8",
            description = "Near-duplicate similarity (Jaccard over word 3-grams), in (0, 1) (default: ${DEFAULT-VALUE}).")
    private double threshold;

    @Option(names = "--min-tokens", paramLabel = "N", defaultValue = "3",
            description = "Fewer tokens is too short; 0 turns it off (default: ${DEFAULT-VALUE}).")
    private int minTokens;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "4096",
            description = "More tokens is too long; 0 turns it off (default: ${DEFAULT-VALUE}). Tokens are approximate"
                    + " (words and punctuation), not a model's tokenizer.")
    private int maxTokens;

    /** The flag pass's options for the checks selected; a bad limit is bad input naming the option. */
    static CheckOptions options(List<DatasetCheck> checks, double threshold, int minTokens, int maxTokens) {
        List<String> ids = checks.stream().map(DatasetCheck::id).toList();
        try {
            return CheckOptions.builder().text(ids.stream().anyMatch(DatasetChecks.TEXT_CHECKS::contains))
                    .pii(ids.contains("pii")).nearDuplicates(ids.contains("near-duplicates"))
                    .tokenLimits(minTokens, maxTokens).nearDuplicateThreshold(threshold).build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--threshold/--min-tokens/--max-tokens: " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws IOException {
        List<DatasetCheck> checks = DatasetChecks.all();
        if (only != null) {
            for (String id : only) {
                if (checks.stream().noneMatch(c -> c.id().equals(id))) {
                    throw new BadInputException("--only: unknown check '" + id + "' (known: "
                            + String.join(", ", checks.stream().map(DatasetCheck::id).toList()) + ")");
                }
            }
            checks = checks.stream().filter(c -> only.contains(c.id())).toList();
        }
        CheckOptions options = options(checks, threshold, minTokens, maxTokens);
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = DatasetCli.dataset(store, name);
            long rows = store.count(ds.id(), RowFilter.ALL);
            List<Map<String, Object>> results = new ArrayList<>();
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %,d rows%n", ds.name(), rows));
            CheckContext ctx = new CheckContext(store, ds, options, DatasetCli.progress(spec, "checking", "rows"));
            for (DatasetCheck check : checks) {
                CheckResult r = check.run(ctx);
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("id", check.id());
                j.put("title", check.title());
                j.put("flaggedRows", r.flaggedRows());
                j.put("summary", r.summary());
                j.put("details", r.details());
                j.put("fix", r.fix());
                results.add(j);
                text.append(String.format(Locale.ROOT, "%-42s %s%s%n", check.title(), r.summary(),
                        r.fix() == null ? "" : "  (fix: " + r.fix() + ")"));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dataset", ds.name());
            json.put("rows", rows);
            json.put("checks", results);
            DatasetCli.output(spec).result(json, text.toString().stripTrailing());
            return ExitCodes.OK;
        }
    }
}
