package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.store.Workspace;
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
        description = "Check a dataset's rows (exact duplicates, empty conversations) and say how many each check flags.")
public final class DatasetCheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    private String name;

    @Option(names = "--only", paramLabel = "CHECK", split = ",", description = "Run only these checks (by id).")
    private List<String> only;

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
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = DatasetCli.dataset(store, name);
            long rows = store.count(ds.id(), RowFilter.ALL);
            List<Map<String, Object>> results = new ArrayList<>();
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %,d rows%n", ds.name(), rows));
            for (DatasetCheck check : checks) {
                CheckResult r = check.run(store, ds, DatasetCli.progress(spec, "checking " + check.id(), "rows"));
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
