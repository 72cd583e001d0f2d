package dev.modelfactory.app.datasets;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.dataset.ImportSummary;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.StudioSnapshots;
import dev.modelfactory.studio.datasets.DatasetsPage;
import dev.modelfactory.studio.datasets.DatasetsViewModel;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Not a test: time to first paint of the Datasets page on a 1,000,000-row dataset. Builds the dataset once
 * (an Alpaca JSONL imported through the page's catalog) under the work folder, then opens the studio shell
 * headless, shows the page and measures until a pulse has painted the first rows; then how long a jump
 * to row 900,000 and a text search take to show rows. Run 1 is a cold start (page classes loaded and compiled on the
 * way); later runs open the page again in the same process, as a user switching to it in a running studio does.
 * <pre>java -Xmx1g -cp ... dev.modelfactory.app.datasets.DatasetsFirstPaintMain [work-folder] [rows] [runs]</pre>
 */
public final class DatasetsFirstPaintMain {

    private DatasetsFirstPaintMain() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/ds-page-1m");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Files.createDirectories(work);
        Path wsDir = work.resolve("ws");
        try (Workspace ws = Workspace.open(wsDir)) {
            WorkspaceDatasetCatalog catalog = new WorkspaceDatasetCatalog(ws);
            if (catalog.datasets().stream().noneMatch(d -> d.name().equals("million"))) {
                build(catalog, work, rows);
            }
            StudioSnapshots.useHeadlessMonocle();
            Platform.startup(() -> { });
            Platform.setImplicitExit(false); // hiding run 1's window must not end the toolkit before run 2
            int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
            for (int run = 1; run <= runs; run++) {
                measure(ws, catalog, work, run);
            }
        }
        System.exit(0);
    }

    private static void build(WorkspaceDatasetCatalog catalog, Path work, int rows) throws Exception {
        Path file = work.resolve("alpaca-" + rows + ".jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < rows; i++) {
                w.write("{\"instruction\":\"Explain item " + i + " of the catalogue in one sentence.\",\"input\":\""
                        + (i % 3 == 0 ? "Context for item " + i : "") + "\",\"output\":\"Item " + i
                        + " is a thing that does something useful for somebody, described here.\",\"contributor\":\""
                        + (i % 5 == 0 ? "Ada Lovelace" : "Grace Hopper") + "\"}\n");
            }
        }
        long id = catalog.create("million", "1,000,000 generated Alpaca rows").id();
        long t0 = System.nanoTime();
        ImportSummary s = catalog.importFile(id, file, ImportOptions.builder()
                .parse(new dev.modelfactory.ledger.dataset.ParseOptions(null, "contributor")).build(),
                (b, t, r) -> { }, () -> false);
        System.out.printf(Locale.ROOT, "built: %,d rows imported in %.1f s%n", s.imported(), (System.nanoTime() - t0) / 1e9);
    }

    private static void measure(Workspace ws, WorkspaceDatasetCatalog catalog, Path work, int run) throws Exception {
        long q0 = System.nanoTime();
        long count = catalog.count(catalog.datasets().getFirst().id(), RowFilter.ALL);
        long q1 = System.nanoTime();
        StudioContext context = StudioContext.builder().appVersion("bench").workspace(ws.root().toString(), "4")
                .computeDevice("CPU").preferencesFile(work.resolve("ui.properties"))
                .addPage(DatasetsPage.factory(catalog)).build();
        ErrorHandler errors = new ErrorHandler(false);
        Object[] held = new Object[2];
        onFx(() -> {
            StudioShell shell = StudioShell.builder(context).errors(errors).persistPreferences(false)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).build();
            Stage stage = new Stage();
            stage.setX(0);
            stage.setY(0);
            stage.setScene(new Scene(shell.root(), 1240, 780));
            stage.show();
            held[0] = shell;
            held[1] = stage;
            return null;
        });
        StudioShell shell = (StudioShell) held[0];
        Stage stage = (Stage) held[1];
        long start = System.nanoTime();
        onFx(() -> {
            shell.show(DatasetsPage.ID);
            return null;
        });
        long shown = waitPainted(stage, () -> true);
        DatasetsViewModel model = onFx(() -> ((DatasetsPage) shell.currentPage()).viewModel());
        long painted = waitPainted(stage, () -> firstCellText(stage, 0).startsWith("1"));
        System.out.printf(Locale.ROOT, "run %d: COUNT(*) of %,d rows alone %.0f ms; page painted (frame, count pending) %.0f ms;"
                        + " first rows painted %.0f ms after show%n", run, count, (q1 - q0) / 1e6, (shown - start) / 1e6,
                (painted - start) / 1e6);
        long j0 = System.nanoTime();
        onFx(() -> {
            table(stage).scrollTo(900_000);
            return null;
        });
        long jumped = waitPainted(stage, () -> firstCellText(stage, 1).startsWith("900,"));
        System.out.printf(Locale.ROOT, "run %d: jump to row 900,000 painted in %.0f ms%n", run, (jumped - j0) / 1e6);
        long s0 = System.nanoTime();
        onFx(() -> {
            model.searchProperty().set("item 777777 ");
            return null;
        });
        long searched = waitPainted(stage, () -> model.matchingProperty().get() == 1 && firstCellText(stage, 0).equals("1"));
        System.out.printf(Locale.ROOT, "run %d: full-text search (LIKE scan) to 1 row painted in %.0f ms%n", run,
                (searched - s0) / 1e6);
        onFx(() -> {
            stage.hide();
            shell.shutdown();
            return null;
        });
        if (!errors.reports().isEmpty()) {
            throw new IllegalStateException("page error", errors.reports().getFirst().error());
        }
    }

    @SuppressWarnings("unchecked")
    private static TableView<Object> table(Stage stage) {
        return (TableView<Object>) stage.getScene().lookup("#dataset-rows");
    }

    /** The "#" text of the first visible row (which = 0) or of any visible row whose number starts so (1). */
    private static String firstCellText(Stage stage, int which) {
        var cells = stage.getScene().getRoot().lookupAll("#dataset-rows .table-cell");
        String best = "";
        for (var n : cells) {
            TableCell<?, ?> c = (TableCell<?, ?>) n;
            if (c.getTableColumn() != null && c.getTableColumn().getText().equals("Contributor") && c.getText() != null
                    && !c.getText().equals("\u2026") && c.getTableRow() != null && c.getTableRow().getIndex() >= 0) {
                String index = String.format(Locale.ROOT, "%,d", c.getTableRow().getIndex() + 1);
                if (which == 0 && c.getTableRow().getIndex() == 0) {
                    return index;
                }
                if (which == 1 && index.startsWith("900,")) {
                    return index;
                }
                best = index;
            }
        }
        return which == 0 ? "" : best;
    }

    /** Waits for a pulse after which {@code ready} holds (checked on the FX thread after each layout pulse). */
    private static long waitPainted(Stage stage, BooleanSupplier ready) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (ready.getAsBoolean()) {
                stage.getScene().removePostLayoutPulseListener(listener[0]);
                done.complete(System.nanoTime());
            } else {
                Platform.requestNextPulse();
            }
        };
        onFx(() -> {
            stage.getScene().addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
            return null;
        });
        return done.get(120, TimeUnit.SECONDS);
    }

    private static <T> T onFx(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(120, TimeUnit.SECONDS);
    }
}
