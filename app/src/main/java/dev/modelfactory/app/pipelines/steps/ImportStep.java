package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.dataset.ImportSummary;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowSelection;
import dev.modelfactory.ledger.store.dataset.RowSort;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * {@code import}: reads a file (or every file of a folder matching a glob) into a dataset, created when
 * absent. The dataset's working set becomes exactly what was read: rows from an earlier import are deleted
 * afterwards through the curation history (undo-able). Output {@code dataset}: hashed from the files' contents
 * and the import options, so an unchanged file is not imported again.
 */
final class ImportStep implements Step {

    @Override
    public Map<String, Object> externalInputs(StepContext ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Path f : files(ctx)) {
            m.put(f.getFileName().toString(), Hashes.file(f));
        }
        return Map.of("files", m);
    }

    /** The files to read, in name order. */
    static List<Path> files(StepContext ctx) {
        var file = ctx.path("file");
        if (file.isPresent()) {
            if (!Files.isRegularFile(file.get())) {
                throw new StepFailedException(ctx.field("file") + ": no such file " + file.get());
            }
            return List.of(file.get());
        }
        Path folder = ctx.path("folder").orElseThrow();
        if (!Files.isDirectory(folder)) {
            throw new StepFailedException(ctx.field("folder") + ": no such folder " + folder);
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + ctx.text("pattern").orElse("*"));
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> out = s.filter(Files::isRegularFile).filter(p -> glob.matches(p.getFileName()))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            if (out.isEmpty()) {
                throw new StepFailedException(ctx.field("folder") + ": no file in " + folder + " matches "
                        + ctx.text("pattern").orElse("*"));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    @Override
    public StepResult run(StepContext ctx) throws IOException {
        List<Path> files = files(ctx);
        String name = ctx.requiredText("dataset");
        DatasetStore ds = new DatasetStore(ctx.workspace());
        DatasetInfo info = ds.findByName(name).orElseGet(() -> ds.create(name, "imported by pipeline "
                + ctx.pipeline().name()));
        List<Long> earlier = rowIds(ds, info.id());
        ImportOptions options = options(ctx);
        long rows = 0;
        for (Path f : files) {
            ImportSummary s = ds.importFile(info.id(), f, options, (done, total) -> { }, ctx.cancel());
            if (!s.completed()) {
                throw new CancellationException("import of " + f + " cancelled");
            }
            rows += s.imported();
            ctx.log("imported " + s.imported() + " rows from " + f.getFileName() + " as " + s.format().name()
                    .toLowerCase(Locale.ROOT) + (s.rejectedCount() > 0 ? ", " + s.rejectedCount() + " rejected" : ""));
            s.rejected().stream().limit(5).forEach(r -> ctx.log("  rejected: " + r));
        }
        if (!earlier.isEmpty()) {
            ds.delete(info.id(), RowSelection.ids(earlier), "pipeline " + ctx.pipeline().name());
            ctx.log("replaced " + earlier.size() + " rows of the earlier import (undo-able in the dataset's history)");
        }
        String hash = Hashes.of("dataset", name, ctx.inputsHash());
        return StepResult.done(rows + " rows in " + name, new OutputRef("dataset", OutputKind.DATASET, name, hash,
                name + " (" + rows + " rows)"));
    }

    private static List<Long> rowIds(DatasetStore ds, long datasetId) {
        List<Long> ids = new ArrayList<>();
        for (long offset = 0;; offset += 5000) {
            List<DatasetRow> page = ds.rows(datasetId, RowFilter.ALL, RowSort.INSERTION, offset, 5000);
            page.forEach(r -> ids.add(r.id()));
            if (page.size() < 5000) {
                return ids;
            }
        }
    }

    private static ImportOptions options(StepContext ctx) {
        ImportOptions.Builder b = ImportOptions.builder().contributor(ctx.requiredText("contributor"));
        ctx.text("licence").ifPresent(b::licence);
        String format = ctx.text("format").orElse("auto").toLowerCase(Locale.ROOT);
        if (!format.equals("auto")) {
            try {
                b.format(DatasetFormat.valueOf(format.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new StepFailedException(ctx.field("format") + ": expected auto, alpaca, sharegpt, openai, csv, tsv"
                        + " or text, got '" + format + "'");
            }
        }
        List<String> uses = ctx.texts("uses");
        if (!uses.isEmpty()) {
            b.allowedUses(uses(ctx, uses));
        }
        return b.build();
    }

    static Set<Use> uses(StepContext ctx, List<String> names) {
        Set<Use> out = EnumSet.noneOf(Use.class);
        for (String n : names) {
            out.add(switch (n.toLowerCase(Locale.ROOT)) {
                case "train" -> Use.TRAIN;
                case "evaluate", "eval" -> Use.EVAL;
                case "commercial" -> Use.COMMERCIAL;
                case "attribution" -> Use.ATTRIBUTION_PUBLIC;
                default -> throw new StepFailedException(ctx.field("uses") + ": unknown use '" + n
                        + "' (train, evaluate, commercial, attribution)");
            });
        }
        return out;
    }
}
