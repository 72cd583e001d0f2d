package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
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
import picocli.CommandLine.Spec;

/** {@code modelfactory dataset list}: every dataset with its row and version counts. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the datasets of the workspace.")
public final class DatasetListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            List<Map<String, Object>> json = new ArrayList<>();
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-30s  %10s  %8s  %s%n", "NAME", "ROWS",
                    "VERSIONS", "LATEST"));
            for (DatasetInfo d : store.list()) {
                long rows = store.count(d.id(), RowFilter.ALL);
                List<DatasetVersion> versions = store.versions(d.id());
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("name", d.name());
                j.put("description", d.description());
                j.put("rows", rows);
                j.put("versions", versions.size());
                j.put("latestVersion", versions.isEmpty() ? null : versions.getLast().root());
                j.put("createdAt", d.createdAt().toString());
                json.add(j);
                text.append(String.format(Locale.ROOT, "%-30s  %,10d  %8d  %s%n", d.name(), rows, versions.size(),
                        versions.isEmpty() ? "-" : versions.getLast().shortRoot()));
            }
            DatasetCli.output(spec).result(json, json.isEmpty()
                    ? "No datasets yet. Import one with: modelfactory dataset import FILE --name NAME"
                    : text.toString().stripTrailing());
            return ExitCodes.OK;
        }
    }
}
