package dev.modelfactory.app.datasets;

import dev.modelfactory.app.StudioWiring;
import dev.modelfactory.ledger.dataset.ParseOptions;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowSort;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.StudioSnapshots;
import dev.modelfactory.studio.prefs.ThemeChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * Not a test: fills a workspace with a realistic curated dataset (imported through the page's catalog, with
 * rejects, duplicates, per-row contributors, accepted and rejected rows, splits and two versions), then renders
 * the studio's pages to PNG the way {@code studio --snapshot-dir} does, and the Datasets page once more after
 * its background loads have finished (top, and scrolled to the bottom), and its PII marks and
 * near-duplicate cluster view.
 * <pre>java -cp app/target/classes:app/target/test-classes:$(deps) ...DatasetsSnapshotMain WORKSPACE OUT-DIR [dark]</pre>
 */
public final class DatasetsSnapshotMain {

    private DatasetsSnapshotMain() {
    }

    public static void main(String[] args) throws Exception {
        Path wsDir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        StudioSnapshots.useHeadlessMonocle();
        boolean fresh = !Files.exists(wsDir.resolve("workspace.mv.db"));
        try (Workspace ws = Workspace.open(wsDir)) {
            if (fresh) {
                populate(new WorkspaceDatasetCatalog(ws), Files.createTempDirectory("datasets-demo"));
            }
            StudioWiring.Wired wired = StudioWiring.open(ws);
            ThemeChoice theme = args.length > 2 && args[2].equals("dark") ? ThemeChoice.DARK : ThemeChoice.LIGHT;
            StudioSnapshots.render(wired.context(), out, theme);
            PageSnapshot.renderSettled(wired.context(), theme, out.resolve("datasets-settled.png"),
                    out.resolve("datasets-lower.png"));
            PageSnapshot.renderTools(wired.context(), theme, out.resolve("datasets-pii.png"),
                    out.resolve("datasets-cluster.png"));
            wired.close();
        }
        System.exit(0);
    }

    private static List<Long> ids(List<DatasetRow> rows, int... at) {
        return java.util.Arrays.stream(at).mapToObj(i -> rows.get(i).id()).toList();
    }

    static void populate(WorkspaceDatasetCatalog catalog, Path folder) throws Exception {
        long id = catalog.create("customer-support", "Customer support conversations").id();
        Path file = DemoData.supportChats(folder, 360);
        catalog.importFile(id, file, ImportOptions.builder().parse(new ParseOptions(null, "contributor"))
                .licence("CC-BY-4.0").allowedUses(EnumSet.of(Use.TRAIN, Use.EVAL)).build(), (a, b, c) -> { }, () -> false);
        List<DatasetRow> first = catalog.rows(id, RowFilter.ALL, RowSort.INSERTION, 0, 40);
        catalog.setStatus(id, ids(first, 0, 1, 2, 4, 5, 8, 9, 12, 13, 14, 16, 17), RowStatus.ACCEPTED);
        catalog.setStatus(id, ids(first, 10, 20, 21, 22), RowStatus.REJECTED); // duplicates of earlier rows
        catalog.assignSplits(id, new SplitSpec(0.8, 0.1, 0.1, 42));
        catalog.freeze(id, new FreezeOptions("first review", null), ProgressListener.NONE, CancellationToken.NONE);
        catalog.setStatus(id, ids(first, 6), RowStatus.REJECTED);
        catalog.freeze(id, new FreezeOptions("duplicates out", null), ProgressListener.NONE, CancellationToken.NONE);
        // later tickets: one with personal data, one cut off; then the checks flag them (and the near-duplicates)
        Path later = folder.resolve("support-later.jsonl");
        Files.writeString(later, """
                {"messages":[{"role":"user","content":"My kettle stopped heating, please call me back."},\
                {"role":"assistant","content":"Sorry to hear that! We will call you on +44 20 7946 0958 or write to\
                 maria.rossi@example.com within a day to arrange a replacement."}],"contributor":"Support team Berlin"}
                {"messages":[{"role":"user","content":"How do I descale the kettle?"},\
                {"role":"assistant","content":"Fill it with equal parts water and white vinegar, boil, then let it"}],\
                "contributor":"Ada Lovelace"}
                """);
        catalog.importFile(id, later, ImportOptions.builder().parse(new ParseOptions(null, "contributor"))
                .licence("CC-BY-4.0").allowedUses(EnumSet.of(Use.TRAIN, Use.EVAL)).build(), (a, b, c) -> { }, () -> false);
        catalog.addTag(id, dev.modelfactory.ledger.store.dataset.RowSelection.ids(ids(first, 0, 1, 2, 3)), "billing");
        catalog.runChecks(id, dev.modelfactory.ledger.task.ProgressListener.NONE,
                dev.modelfactory.ledger.task.CancellationToken.NONE);
        long notes = catalog.create("product-notes", "").id();
        Path csv = folder.resolve("product-notes.csv");
        Files.writeString(csv, "question,answer,author\n"
                + "\"What is the warranty on the kettle?\",\"Two years from the date of purchase.\",Grace Hopper\n"
                + "\"Does the toaster have a crumb tray?\",\"Yes, it slides out from the front.\",Grace Hopper\n");
        catalog.importFile(notes, csv, ImportOptions.builder().parse(new ParseOptions(null, "author"))
                .licence("CC0-1.0").allowedUses(EnumSet.allOf(Use.class)).build(), (a, b, c) -> { }, () -> false);
    }
}
