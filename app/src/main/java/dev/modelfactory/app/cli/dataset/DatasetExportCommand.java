package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.dataset.ExportFormat;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.ExportOptions;
import dev.modelfactory.ledger.store.dataset.ExportSummary;
import dev.modelfactory.ledger.task.CancellationToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/**
 * {@code modelfactory dataset export NAME[@VERSION] --format F --out FILE}: a frozen version (the
 * latest unless named) or, with {@code --working-set}, the current rows, written atomically.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a version (NAME@ROOT, or the latest) or the working set (--working-set) to Alpaca,"
                + " ShareGPT or OpenAI JSONL, or CSV. The file appears only when complete. Rows the format cannot"
                + " express are listed on stderr and skipped (or, with --strict, fail the export).")
public final class DatasetExportCommand implements Callable<Integer> {

    private static final int WARNINGS_PRINTED = 20;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME[@VERSION]", description = "The dataset, optionally @ a version root or prefix.")
    private String ref;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "alpaca, sharegpt, openai or csv.")
    private ExportFormat format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced if it exists).")
    private Path out;

    @Option(names = "--split", paramLabel = "SPLIT", description = "Only this split: train, validation or test.")
    private Split split;

    @Option(names = "--working-set", description = "Export the current rows not rejected (with tags) instead of a version.")
    private boolean workingSet;

    @Option(names = "--strict", description = "Fail, writing nothing, if any row cannot be expressed in the format.")
    private boolean strict;

    @Override
    public Integer call() throws IOException {
        ExportOptions options = ExportOptions.builder(format).split(split).strict(strict).build();
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            Optional<DatasetInfo> whole = store.findByName(ref);
            int at = ref.lastIndexOf('@');
            DatasetInfo ds = whole.orElseGet(() -> DatasetCli.dataset(store, at > 0 ? ref.substring(0, at) : ref));
            String versionRef = whole.isPresent() || at <= 0 ? null : ref.substring(at + 1);
            if (versionRef != null && workingSet) {
                throw new BadInputException("give a version (" + ref + ") or --working-set, not both");
            }
            DatasetVersion version = null;
            if (!workingSet) {
                version = versionRef != null ? DatasetCli.version(store, ds, versionRef) : latest(store, ds);
            }
            ExportSummary s;
            try {
                String what = "exporting " + out.getFileName();
                s = version == null
                        ? store.exportWorkingSet(ds.id(), out, options, DatasetCli.progress(spec, what, "rows"), CancellationToken.NONE)
                        : store.exportVersion(version, out, options, DatasetCli.progress(spec, what, "rows"), CancellationToken.NONE);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            warn(s);
            DatasetCli.output(spec).result(json(ds, version, s), String.format(Locale.ROOT,
                    "Wrote %,d rows of '%s' (%s) to %s as %s%s; sha256 %s", s.written(), ds.name(), s.source(), s.file(),
                    format.cliName(), s.skippedCount() == 0 ? "" : String.format(Locale.ROOT, ", skipped %,d rows the format"
                            + " cannot express", s.skippedCount()), s.sha256()));
            return ExitCodes.OK;
        }
    }

    private static DatasetVersion latest(DatasetStore store, DatasetInfo ds) {
        List<DatasetVersion> versions = store.versions(ds.id());
        if (versions.isEmpty()) {
            throw new BadInputException("dataset '" + ds.name() + "' has no frozen version; freeze one (modelfactory dataset"
                    + " freeze " + DatasetChecks.quoted(ds.name()) + ") or export the current rows with --working-set");
        }
        return versions.getLast();
    }

    private void warn(ExportSummary s) {
        PrintWriter err = spec.commandLine().getErr();
        s.skipped().stream().limit(WARNINGS_PRINTED).forEach(r -> err.println("skipped row " + r.rowId() + " ("
                + r.rowHash().substring(0, 12) + "): " + r.reason()));
        if (s.skippedCount() > WARNINGS_PRINTED) {
            err.println("... and " + (s.skippedCount() - WARNINGS_PRINTED) + " more skipped rows");
        }
        err.flush();
    }

    private Map<String, Object> json(DatasetInfo ds, DatasetVersion version, ExportSummary s) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dataset", ds.name());
        j.put("version", version == null ? null : version.root());
        j.put("split", split == null ? null : split.wire());
        j.put("format", format.cliName());
        j.put("file", s.file().toString());
        j.put("written", s.written());
        j.put("skipped", s.skippedCount());
        j.put("skippedRows", s.skipped().stream().map(r -> Map.of("rowId", r.rowId(), "rowHash", r.rowHash(),
                "reason", r.reason())).toList());
        j.put("sha256", s.sha256());
        j.put("seconds", s.elapsed().toNanos() / 1e9);
        return j;
    }
}
