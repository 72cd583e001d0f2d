package dev.modelfactory.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.modelfactory.ledger.dataset.RejectedRow;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.datasets.DatasetChooser;
import dev.modelfactory.studio.datasets.DatasetsPage;
import dev.modelfactory.studio.datasets.DatasetsViewModel;
import dev.modelfactory.studio.datasets.RowRef;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The page in the real shell, headless, over a real temporary workspace through the app's catalog. */
@ExtendWith(ApplicationExtension.class)
class DatasetsPageTest {

    private static final long TIMEOUT = 30;
    private static final int ROWS = 250;

    @TempDir
    Path temp;

    private final ErrorHandler errors = new ErrorHandler(false);
    private Workspace ws;
    private WorkspaceDatasetCatalog catalog;
    private StudioShell shell;
    private Stage stage;
    private volatile Path answer;

    @BeforeEach
    void open(FxRobot robot) throws Exception {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(Level.OFF);
        ws = Workspace.open(temp.resolve("ws"));
        catalog = new WorkspaceDatasetCatalog(ws);
        DatasetChooser chooser = new DatasetChooser() {
            @Override
            public Optional<Path> chooseFile(Window owner) {
                return Optional.ofNullable(answer);
            }

            @Override
            public Optional<Path> chooseFolder(Window owner) {
                return Optional.ofNullable(answer);
            }
        };
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(ws.root().toString(), "4")
                .computeDevice("CPU").preferencesFile(temp.resolve("ui.properties"))
                .addPage(DatasetsPage.factory(catalog, chooser)).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1240, 780));
            stage.show();
            shell.show(DatasetsPage.ID);
        });
        waitUntil(() -> model().loadedProperty().get() && !model().busyProperty().get());
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(null);
        robot.interact(() -> {
            shell.shutdown();
            stage.close();
        });
        ws.close();
    }

    @Test
    void importingAFileWithBadRowsListsEachRejectWithItsLine(FxRobot robot) throws Exception {
        assertThat(fx(() -> robot.lookup("#dataset-list-empty").query().isVisible())).isTrue();

        importSupportChats(robot);

        List<RejectedRow> listed = fx(() -> List.copyOf(this.<RejectedRow>table(robot, "#dataset-import-rejects").getItems()));
        assertThat(listed).extracting(r -> r.source().line()).containsExactlyElementsOf(DemoData.BAD_LINES);
        List<String> lines = fx(() -> cellTexts(robot, "#dataset-import-rejects", "Line"));
        assertThat(lines).containsExactly("4", "10", "16");
        List<String> reasons = fx(() -> cellTexts(robot, "#dataset-import-rejects", "Reason"));
        assertThat(reasons).hasSize(3).allSatisfy(r -> assertThat(r).isNotBlank());
        assertThat(fx(() -> label(robot, "#dataset-import-summary"))).startsWith("Imported 250 rows (openai)")
                .contains("3 rejected").contains("20 duplicates in the file");
        waitUntil(() -> model().matchingProperty().get() == ROWS);
        assertThat(fx(() -> label(robot, "#" + DatasetsPage.COUNT_ID))).startsWith("250 rows");
        assertThat(fx(() -> robot.lookup("#dataset-list-empty").query().isVisible())).isFalse();
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void filteringByContributorShowsOnlyTheirRowsAndTheCount(FxRobot robot) throws Exception {
        importSupportChats(robot);
        robot.clickOn("#dataset-import-close");

        // the contributor filter is a dropdown of the dataset's own contributors
        waitUntil(() -> fx(() -> model().filterChoices().contributors().contains("Ada Lovelace")));
        robot.interact(() -> robot.lookup("#" + DatasetsPage.CONTRIBUTOR_FILTER_ID).queryAs(javafx.scene.control.ComboBox.class)
                .getSelectionModel().select("Ada Lovelace"));

        waitUntil(() -> model().matchingProperty().get() == 83 && firstRowLoaded());
        assertThat(fx(() -> label(robot, "#" + DatasetsPage.COUNT_ID))).startsWith("83 rows of 250");
        List<String> shown = fx(() -> cellTexts(robot, "#dataset-rows", "Contributor"));
        assertThat(shown).isNotEmpty().containsOnly("Ada Lovelace");
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void bulkAcceptAndRejectChangeTheSelectedRows(FxRobot robot) throws Exception {
        importSupportChats(robot);
        robot.clickOn("#dataset-import-close");
        waitUntil(this::firstRowLoaded);

        robot.interact(() -> this.<RowRef>table(robot, "#dataset-rows").getSelectionModel().selectRange(0, 3));
        robot.clickOn("#" + DatasetsPage.ACCEPT_ID);
        waitUntil(() -> catalog.count(datasetId(), RowFilter.ALL.withStatus(RowStatus.ACCEPTED)) == 3);
        robot.interact(() -> {
            var selection = this.<RowRef>table(robot, "#dataset-rows").getSelectionModel();
            selection.clearSelection();
            selection.select(5);
        });
        robot.clickOn("#" + DatasetsPage.REJECT_ID);
        waitUntil(() -> catalog.count(datasetId(), RowFilter.ALL.withStatus(RowStatus.REJECTED)) == 1);
        waitUntil(() -> statusShown(robot, 5).equals("Rejected") && statusShown(robot, 0).equals("Accepted"));

        assertThat(fx(() -> List.of(statusShown(robot, 0), statusShown(robot, 1), statusShown(robot, 2),
                statusShown(robot, 3), statusShown(robot, 5))))
                .containsExactly("Accepted", "Accepted", "Accepted", "Pending", "Rejected");
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void freezingAVersionListsItWithItsMerkleRoot(FxRobot robot) throws Exception {
        importSupportChats(robot);
        robot.clickOn("#dataset-import-close");

        scrollTo(robot, "#dataset-freeze");
        robot.clickOn("#dataset-freeze-label").write("first review");
        robot.clickOn("#dataset-freeze");

        waitUntil(() -> fx(() -> !table(robot, "#dataset-versions-table").getItems().isEmpty()));
        List<DatasetVersion> stored = catalog.versions(datasetId());
        assertThat(stored).singleElement().satisfies(v -> {
            assertThat(v.rowCount()).isEqualTo(ROWS);
            assertThat(v.label()).isEqualTo("first review");
        });
        assertThat(fx(() -> cellTexts(robot, "#dataset-versions-table", "Merkle root")))
                .containsExactly(stored.getFirst().root());
        assertThat(fx(() -> cellTexts(robot, "#dataset-versions-table", "Rows"))).containsExactly("250");
        assertThat(fx(() -> label(robot, "#dataset-versions-outcome"))).startsWith("Version "
                + stored.getFirst().shortRoot() + " frozen: 250 rows");
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void cancellingARunningImportKeepsWholeBatchesAndSaysSo(FxRobot robot) throws Exception {
        answer = DemoData.supportChats(temp, 60_000);
        openImportMenu(robot);
        waitUntil(() -> model().importer().previewProperty().get() != null && !model().busyProperty().get());
        scrollTo(robot, "#dataset-import-start");
        robot.clickOn("#dataset-import-start");
        robot.interact(() -> ((ScrollPane) shell.currentPage().view()).setVvalue(0));
        waitUntil(() -> model().importer().taskProperty().get() != null
                && model().importer().taskProperty().get().getProgress() > 0);
        assertThat(fx(() -> robot.lookup("#dataset-import-progress").query().isVisible())).isTrue();
        robot.clickOn("#dataset-import-cancel");

        waitUntil(() -> model().importer().summaryProperty().get() != null && !model().busyProperty().get());
        var summary = model().importer().summaryProperty().get();
        assertThat(summary.completed()).isFalse();
        assertThat(summary.imported()).isLessThan(60_000).satisfies(n -> assertThat(n % 2_000).isZero());
        assertThat(catalog.count(datasetId(), RowFilter.ALL)).isEqualTo(summary.imported());
        assertThat(fx(() -> label(robot, "#dataset-import-summary"))).startsWith("Cancelled: kept ");
        assertThat(errors.reports()).isEmpty();
    }

    // ---- helpers ----

    private void importSupportChats(FxRobot robot) throws Exception {
        answer = DemoData.supportChats(temp, ROWS);
        openImportMenu(robot);
        waitUntil(() -> model().importer().previewProperty().get() != null && !model().busyProperty().get());
        robot.interact(() -> model().importer().contributorFieldProperty().set("contributor"));
        keep("datasets-import-preview");
        scrollTo(robot, "#dataset-import-start");
        robot.clickOn("#dataset-import-start");
        robot.interact(() -> ((ScrollPane) shell.currentPage().view()).setVvalue(0));
        waitUntil(() -> model().importer().summaryProperty().get() != null && !model().busyProperty().get());
        keep("datasets-import-done");
    }

    /** With -Dstudio.snapshot.dir=DIR, keeps what the window shows now as DIR/NAME.png (for a visual check). */
    private void keep(String name) throws Exception {
        String dir = System.getProperty("studio.snapshot.dir");
        if (dir == null) {
            return;
        }
        var image = fx(() -> stage.getScene().snapshot(null));
        Files.createDirectories(Path.of(dir));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                Path.of(dir, name + ".png").toFile());
    }

    private void openImportMenu(FxRobot robot) throws Exception {
        robot.clickOn("#" + DatasetsPage.IMPORT_MENU_ID);
        waitUntil(() -> fx(() -> robot.lookup("#" + DatasetsPage.IMPORT_MENU_ID)
                .queryAs(javafx.scene.control.MenuButton.class).isShowing()));
        robot.clickOn("File: JSON, JSONL, CSV, TSV, .txt, .md\u2026");
    }

    private DatasetsViewModel model() {
        return ((DatasetsPage) shell.currentPage()).viewModel();
    }

    private long datasetId() {
        return catalog.datasets().getFirst().id();
    }

    private boolean firstRowLoaded() {
        return fx(() -> model().rowsProperty().get().size() > 0 && model().rowsProperty().get().loaded(0) != null);
    }

    private String statusShown(FxRobot robot, int index) {
        return fx(() -> robot.lookup("#dataset-rows .table-row-cell").queryAll().stream()
                .filter(r -> ((javafx.scene.control.TableRow<?>) r).getIndex() == index)
                .flatMap(r -> robot.from(r).lookup(".table-cell").queryAll().stream())
                .map(c -> (TableCell<?, ?>) c).filter(c -> c.getTableColumn().getText().equals("Status"))
                .map(TableCell::getText).findFirst().orElse(""));
    }

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TableView.class);
    }

    /** The texts the visible cells of a column show. */
    private static List<String> cellTexts(FxRobot robot, String table, String column) {
        return robot.lookup(table + " .table-row-cell").queryAll().stream()
                .filter(r -> !((javafx.scene.control.TableRow<?>) r).isEmpty())
                .sorted(java.util.Comparator.comparingInt(r -> ((javafx.scene.control.TableRow<?>) r).getIndex()))
                .flatMap(r -> robot.from(r).lookup(".table-cell").queryAll().stream())
                .map(c -> (TableCell<?, ?>) c).filter(c -> c.getTableColumn().getText().equals(column))
                .map(TableCell::getText).toList();
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private void scrollTo(FxRobot robot, String query) throws Exception {
        robot.interact(() -> {
            ScrollPane scroll = (ScrollPane) shell.currentPage().view();
            Node target = robot.lookup(query).query();
            Node content = scroll.getContent();
            Bounds inContent = content.sceneToLocal(target.localToScene(target.getBoundsInLocal()));
            double range = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(Math.clamp((inContent.getMinY() - 100) / range, 0, 1));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs a scene-graph query on the FX thread. */
    private static <T> T fx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(TIMEOUT, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
