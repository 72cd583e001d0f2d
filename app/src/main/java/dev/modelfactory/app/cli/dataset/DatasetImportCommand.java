package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.dataset.Contributors;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.Detection;
import dev.modelfactory.ledger.dataset.FormatDetector;
import dev.modelfactory.ledger.dataset.ParseOptions;
import dev.modelfactory.ledger.dataset.RejectedRow;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.dataset.ImportSummary;
import dev.modelfactory.ledger.task.CancellationToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelfactory dataset import FILE --name NAME}: streams a file into a dataset (created if new).
 * Good rows are kept; bad rows are listed with their line and reason, and make the exit code 2.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a file (Alpaca, ShareGPT, OpenAI chat JSON/JSONL, CSV/TSV, or a folder of .txt/.md) into a"
                + " dataset, created if it does not exist. Bad rows are reported with their line (exit code 2);"
                + " good rows are kept.")
public final class DatasetImportCommand implements Callable<Integer> {

    private static final int ERRORS_PRINTED = 20;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file (or, for --format text, a folder).")
    private Path file;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The dataset to import into.")
    private String name;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, alpaca, sharegpt, openai, csv, tsv or text (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--contributor", paramLabel = "ID", description = "Contributor of every row: a wallet address or a name.")
    private String contributor;

    @Option(names = "--contributor-field", paramLabel = "FIELD",
            description = "A CSV column or JSON field naming each row's own contributor.")
    private String contributorField;

    @Option(names = {"--license", "--licence"}, paramLabel = "SPDX", description = "Licence: an SPDX id or text.")
    private String licence;

    @Option(names = "--uses", paramLabel = "USES", split = ",",
            description = "What the contributor allows: train, evaluate, commercial, attribution (default: train,evaluate).")
    private List<String> uses;

    @Option(names = "--skip-duplicates", description = "Leave out rows that repeat an earlier row of the same file.")
    private boolean skipDuplicates;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file or folder");
        }
        ImportOptions options = options();
        if (options.format() == null) {
            // detect before creating the dataset, so an unreadable file leaves no empty dataset behind
            Detection d = new FormatDetector(options.parse()).detect(file, 0);
            options = ImportOptions.builder().format(d.format().orElseThrow(() -> new BadInputException(file
                    + ": cannot tell the format (" + d.explanation() + "); name it with --format"))).parse(options.parse())
                    .contributor(options.contributor()).licence(options.licence()).allowedUses(options.allowedUses())
                    .skipDuplicatesInFile(options.skipDuplicatesInFile()).build();
        }
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds;
            try {
                ds = store.findByName(name).orElseGet(() -> store.create(name, "imported from " + file.getFileName()));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--name: " + e.getMessage(), e);
            }
            ImportSummary s;
            try {
                s = store.importFile(ds.id(), file, options, DatasetCli.progress(spec, "importing " + file.getFileName(),
                        "bytes"), CancellationToken.NONE);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file + ": " + e.getMessage(), e);
            }
            DatasetCli.output(spec).result(json(ds, s), text(ds, s));
            if (s.rejectedCount() == 0) {
                return ExitCodes.OK;
            }
            PrintWriter err = spec.commandLine().getErr();
            for (RejectedRow r : s.rejected().subList(0, Math.min(ERRORS_PRINTED, s.rejected().size()))) {
                err.println(r.source().file() + " line " + r.source().line() + ": " + r.reason());
            }
            if (s.rejectedCount() > ERRORS_PRINTED) {
                err.println("... and " + (s.rejectedCount() - ERRORS_PRINTED) + " more rejected rows");
            }
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }

    private ImportOptions options() {
        ImportOptions.Builder b = ImportOptions.builder().licence(licence).skipDuplicatesInFile(skipDuplicates)
                .parse(new ParseOptions(null, contributorField));
        if (!format.equalsIgnoreCase("auto")) {
            try {
                b.format(DatasetFormat.valueOf(format.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--format: unknown format '" + format
                        + "' (auto, alpaca, sharegpt, openai, csv, tsv, text)", e);
            }
        }
        if (uses != null) {
            Set<Use> allowed = EnumSet.noneOf(Use.class);
            uses.stream().filter(u -> !u.isBlank()).map(DatasetCli::use).forEach(allowed::add);
            b.allowedUses(allowed);
        }
        if (contributor != null) {
            try {
                b.contributor(Contributors.canonical(contributor));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--contributor: " + e.getMessage(), e);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--license: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> json(DatasetInfo ds, ImportSummary s) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dataset", ds.name());
        j.put("imported", s.imported());
        j.put("rejected", s.rejectedCount());
        List<Map<String, Object>> errors = new ArrayList<>();
        for (RejectedRow r : s.rejected()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("line", r.source().line());
            e.put("reason", r.reason());
            if (!r.source().file().equals(file.toString())) {
                e.put("file", r.source().file());
            }
            errors.add(e);
        }
        j.put("errors", errors);
        j.put("seconds", s.elapsed().toNanos() / 1e9);
        j.put("file", file.toString());
        j.put("format", s.format().cliName());
        j.put("duplicatesInFile", s.duplicatesInFile());
        j.put("rowsPerSecond", Math.round(s.rowsPerSecond()));
        return j;
    }

    private String text(DatasetInfo ds, ImportSummary s) {
        return String.format(Locale.ROOT, "Imported %,d rows into '%s' from %s (%s) in %.1f s (%,.0f rows/s); %,d rejected,"
                + " %,d duplicates within the file.", s.imported(), ds.name(), file, s.format().cliName(),
                s.elapsed().toNanos() / 1e9, s.rowsPerSecond(), s.rejectedCount(), s.duplicatesInFile());
    }
}
