package dev.modelfactory.ledger.dataset;

import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a file's import format by trying the candidate parsers on its first records.
 *
 * <p>How: a folder is {@link DatasetFormat#TEXT}; {@code .csv}/{@code .tsv}/{@code .txt}/{@code .md}
 * go by extension; anything else is read as each JSON format in turn (the first {@value #SAMPLE}
 * records, or as many rows as the preview wants), and the format that reads the most records as rows
 * wins (ties go to the earlier of ShareGPT, OpenAI, Alpaca; in practice their required fields never
 * overlap). A file that no JSON format reads and does not start with {@code [} or {@code {} is tried
 * as TSV or CSV, whichever separator its first line has more of. Confidence is the winner's share of
 * rows among the sampled records; the preview and rejects come from the winner's run, so the studio
 * can show exactly what an import would do to the first records.
 */
public final class FormatDetector {

    /** Records sampled per candidate format. */
    public static final int SAMPLE = 20;

    private static final List<DatasetFormat> JSON_ORDER = List.of(DatasetFormat.SHAREGPT, DatasetFormat.OPENAI,
            DatasetFormat.ALPACA);

    private final ParseOptions options;

    public FormatDetector(ParseOptions options) {
        this.options = options;
    }

    /** Detects with default options: header-guessed CSV mapping, no per-row contributor. */
    public FormatDetector() {
        this(ParseOptions.DEFAULT);
    }

    /**
     * @param previewRows how many parsed rows to return for preview (at least {@value #SAMPLE} records are sampled)
     */
    public Detection detect(Path source, int previewRows) throws IOException {
        int sample = Math.max(SAMPLE, previewRows);
        if (Files.isDirectory(source)) {
            return run(DatasetFormat.TEXT, source, sample, previewRows);
        }
        String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return run(DatasetFormat.CSV, source, sample, previewRows);
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return run(DatasetFormat.TSV, source, sample, previewRows);
        }
        if (name.endsWith(".txt") || name.endsWith(".md")) {
            return run(DatasetFormat.TEXT, source, sample, previewRows);
        }
        Detection best = null;
        for (DatasetFormat f : JSON_ORDER) {
            Detection d = run(f, source, sample, previewRows);
            if (best == null || rows(d) > rows(best)) {
                best = d;
            }
        }
        if (rows(best) == 0 && !looksLikeJson(source)) {
            return run(separatorGuess(source), source, sample, previewRows);
        }
        if (rows(best) == 0) {
            return new Detection(Optional.empty(), 0, best.sampled(), List.of(), best.rejects(),
                    "no format read any of the first " + best.sampled() + " records");
        }
        return best;
    }

    private static int rows(Detection d) {
        return (int) Math.round(d.confidence() * d.sampled());
    }

    private Detection run(DatasetFormat format, Path source, int sample, int previewRows) throws IOException {
        List<ParsedRow> rows = new ArrayList<>();
        List<RejectedRow> rejects = new ArrayList<>();
        RowSink sink = new RowSink() {
            @Override
            public void accept(ParsedRow row) {
                rows.add(row);
                stopIfFull();
            }

            @Override
            public void reject(RejectedRow rejected) {
                rejects.add(rejected);
                stopIfFull();
            }

            private void stopIfFull() {
                if (rows.size() + rejects.size() >= sample) {
                    throw new Enough();
                }
            }
        };
        try {
            RowParser.of(format, options).parse(source, sink, ProgressListener.NONE);
        } catch (Enough stop) {
            // sampled enough
        }
        int sampled = rows.size() + rejects.size();
        double confidence = sampled == 0 ? 0 : (double) rows.size() / sampled;
        Optional<DatasetFormat> found = rows.isEmpty() ? Optional.empty() : Optional.of(format);
        String explanation = rows.size() + " of " + sampled + " sampled records read as " + format.cliName();
        return new Detection(found, confidence, sampled, rows.subList(0, Math.min(previewRows, rows.size())),
                rejects, explanation);
    }

    private static boolean looksLikeJson(Path file) throws IOException {
        String head = head(file).stripLeading();
        return head.startsWith("[") || head.startsWith("{") || head.startsWith("\uFEFF[") || head.startsWith("\uFEFF{");
    }

    private static DatasetFormat separatorGuess(Path file) throws IOException {
        String head = head(file);
        int nl = head.indexOf('\n');
        String first = nl < 0 ? head : head.substring(0, nl);
        long tabs = first.chars().filter(c -> c == '\t').count();
        long commas = first.chars().filter(c -> c == ',').count();
        return tabs > commas ? DatasetFormat.TSV : DatasetFormat.CSV;
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
    }

    /** Stops a sampling parse; carries no stack trace. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }
}
