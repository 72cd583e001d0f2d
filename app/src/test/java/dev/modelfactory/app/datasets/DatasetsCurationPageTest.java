package dev.modelfactory.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowSort;
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
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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

/** Curation on the page in the real shell over a real temporary workspace: tags, undo/redo, checks, flag filter. */
@ExtendWith(ApplicationExtension.class)
class DatasetsCurationPageTest {

    private static final long TIMEOUT = 30;
    private static final int ROWS = 250;

    @TempDir
    Path temp;

    private final ErrorHandler errors = new ErrorHandler(false);
    private Workspace ws;
    private WorkspaceDatasetCatalog catalog;
    private StudioShell shell;
    private Stage stage;
    private long datasetId;

    @BeforeEach
    void open(FxRobot robot) throws Exception {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(Level.OFF);
        ws = Workspace.open(temp.resolve("ws"));
        catalog = new WorkspaceDatasetCatalog(ws);
        datasetId = catalog.create("support", "").id();
        catalog.importFile(datasetId, DemoData.supportChats(temp, ROWS), ImportOptions.builder().contributor("Ada Lovelace").build(),
                (read, total, rows) -> { }, () -> false);
        DatasetChooser none = new DatasetChooser() {
            @Override
            public Optional<Path> chooseFile(Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> chooseFolder(Window owner) {
                return Optional.empty();
            }
        };
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(ws.root().toString(), "4")
                .computeDevice("CPU").preferencesFile(temp.resolve("ui.properties"))
                .addPage(DatasetsPage.factory(catalog, none)).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1240, 780));
            stage.show();
            shell.show(DatasetsPage.ID);
        });
        waitUntil(() -> model().loadedProperty().get() && !model().busyProperty().get() && firstRowLoaded());
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
    void taggingTheSelectedRowsIsUndoneAndRedoneFromTheButtonsAndKeys(FxRobot robot) throws Exception {
        robot.interact(() -> this.<RowRef>table(robot).getSelectionModel().selectRange(0, 3));
        robot.clickOn("#datasets-tag-name").write("review");
        robot.clickOn("#datasets-tag");
        waitUntil(() -> tagged() == 3 && !model().busyProperty().get());
        waitUntil(() -> button(robot, "#datasets-undo").getText().startsWith("Undo ") && !button(robot, "#datasets-undo").isDisabled());
        assertThat(fx(() -> button(robot, "#datasets-undo").getText())).contains("review").contains("3 rows");
        assertThat(fx(() -> button(robot, "#datasets-redo").isDisabled())).isTrue();
        assertThat(fx(() -> model().curation().history())).hasSize(1);

        robot.clickOn("#datasets-undo");
        waitUntil(() -> tagged() == 0 && !fx(() -> button(robot, "#datasets-redo").isDisabled()));
        assertThat(fx(() -> button(robot, "#datasets-redo").getText())).contains("review");
        assertThat(fx(() -> model().curation().history().getFirst().undone())).isTrue();

        robot.clickOn("#datasets-redo");
        waitUntil(() -> tagged() == 3 && !model().busyProperty().get());

        // Ctrl+Z on the rows table undoes again, Ctrl+Shift+Z redoes
        waitUntil(() -> !fx(() -> button(robot, "#datasets-undo").isDisabled()));
        robot.clickOn("#dataset-rows").press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitUntil(() -> tagged() == 0 && !model().busyProperty().get());
        waitUntil(() -> !fx(() -> button(robot, "#datasets-redo").isDisabled()));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> tagged() == 3);
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void tagAllMatchingRowsTagsEveryRowOfTheFilterNotJustTheLoadedOnes(FxRobot robot) throws Exception {
        robot.clickOn("#datasets-tag-name").write("batch");
        robot.clickOn("#datasets-all-matching");
        robot.clickOn("#datasets-tag");
        waitUntil(() -> catalog.count(datasetId, RowFilter.ALL.withTag("batch")) == catalog.count(datasetId, RowFilter.ALL));
        assertThat(catalog.count(datasetId, RowFilter.ALL)).isGreaterThan(200);
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void runChecksThenFilterByAFlagShowsItsRowsWithTheCount(FxRobot robot) throws Exception {
        robot.clickOn("#datasets-run-checks");
        waitUntil(() -> !model().curation().flagCountsProperty().get().isEmpty() && !model().busyProperty().get());
        long exact = catalog.count(datasetId, RowFilter.ALL.withFlag(RowFlag.EXACT_DUPLICATE));
        assertThat(exact).as("the demo file repeats rows").isPositive();
        assertThat(model().curation().flagCountsProperty().get()).containsEntry(RowFlag.EXACT_DUPLICATE, exact);

        robot.interact(() -> robot.lookup("#datasets-flag-filter").queryAs(ComboBox.class).getSelectionModel()
                .select(RowFlag.EXACT_DUPLICATE));
        waitUntil(() -> model().matchingProperty().get() == exact && firstRowLoaded());
        assertThat(fx(() -> robot.lookup("#datasets-flag-filter").queryAs(ComboBox.class).getButtonCell().getText()))
                .isEqualTo("Exact duplicate (" + exact + ")");
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void keepOneOfAnExactDuplicateGroupRejectsTheOthersAndUndoBringsThemBack(FxRobot robot) throws Exception {
        robot.clickOn("#datasets-run-checks");
        waitUntil(() -> !model().curation().flagCountsProperty().get().isEmpty() && !model().busyProperty().get());
        robot.interact(() -> model().flagProperty().set(RowFlag.EXACT_DUPLICATE));
        waitUntil(() -> model().matchingProperty().get() > 0 && firstRowLoaded());
        var first = fx(() -> model().rowsProperty().get().loaded(0));
        long group = catalog.count(datasetId, RowFilter.ALL.withNormalisedHash(first.normalisedHash()));
        assertThat(group).isGreaterThan(1);

        robot.interact(() -> this.<RowRef>table(robot).getSelectionModel().select(0));
        waitUntil(() -> !fx(() -> button(robot, "#datasets-keep-one").isDisabled()));
        scrollTo(robot, "#datasets-keep-one");
        robot.clickOn("#datasets-keep-one");
        waitUntil(() -> rejected() == group - 1 && !model().busyProperty().get());
        assertThat(catalog.rows(datasetId, RowFilter.ALL.withStatus(RowStatus.REJECTED), RowSort.INSERTION, 0, 100))
                .allMatch(r -> r.normalisedHash().equals(first.normalisedHash()) && r.id() != first.id());

        waitUntil(() -> !fx(() -> button(robot, "#datasets-undo").isDisabled()));
        robot.clickOn("#datasets-undo");
        waitUntil(() -> rejected() == 0);
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void aNearDuplicateClusterShowsItsRowsAndKeepOneRejectsTheRest(FxRobot robot) throws Exception {
        robot.clickOn("#datasets-run-checks");
        waitUntil(() -> !model().curation().clusters().isEmpty() && !model().busyProperty().get());
        var cluster = fx(() -> model().curation().clusters().getFirst());
        robot.clickOn("#near-cluster-" + cluster.clusterId());
        waitUntil(() -> model().matchingProperty().get() == cluster.size() && firstRowLoaded());
        var kept = fx(() -> model().rowsProperty().get().loaded(1));

        robot.interact(() -> this.<RowRef>table(robot).getSelectionModel().clearAndSelect(1));
        waitUntil(() -> fx(() -> this.<RowRef>table(robot).getSelectionModel().getSelectedIndices().size()) == 1);
        waitUntil(() -> !fx(() -> button(robot, "#datasets-keep-one").isDisabled()));
        scrollTo(robot, "#datasets-keep-one");
        robot.clickOn("#datasets-keep-one");
        try {
            waitUntil(() -> !model().busyProperty().get() && model().curation().undoTextProperty().get().contains("near"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("undo says '" + fx(() -> model().curation().undoTextProperty().get()) + "', rejected "
                    + rejected() + " of " + cluster + ", kept " + kept.id() + ", errors " + errors.reports(), e);
        }
        assertThat(rejected()).isEqualTo(cluster.size() - 1);
        assertThat(catalog.rows(datasetId, RowFilter.ALL.withNearDuplicateCluster(cluster.clusterId()), RowSort.INSERTION, 0, 10_000))
                .allMatch(r -> r.id() == kept.id() ? r.status() != RowStatus.REJECTED : r.status() == RowStatus.REJECTED);
        waitUntil(() -> fx(() -> button(robot, "#datasets-undo").getText()).contains("near-duplicating"));
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void editingARowInlineSavesItsNewReplyAndUndoRestoresTheOld(FxRobot robot) throws Exception {
        robot.interact(() -> this.<RowRef>table(robot).getSelectionModel().clearAndSelect(0));
        waitUntil(() -> fx(() -> model().detailProperty().get()) != null);
        var row = fx(() -> model().detailProperty().get());
        String before = row.content().messages().getLast().content();
        int last = row.content().messages().size() - 1;

        scrollTo(robot, "#dataset-row-edit");
        robot.clickOn("#dataset-row-edit");
        robot.clickOn("#dataset-row-field-" + last).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL)
                .write("Edited: please restart the router.");
        scrollTo(robot, "#dataset-row-save");
        robot.clickOn("#dataset-row-save");
        waitUntil(() -> !model().busyProperty().get() && model().curation().undoTextProperty().get().contains("edit"));
        assertThat(lastReply(row.id())).isEqualTo("Edited: please restart the router.");

        robot.interact(() -> model().curation().undo());
        waitUntil(() -> !model().busyProperty().get() && lastReply(row.id()).equals(before));
        assertThat(errors.reports()).isEmpty();
    }

    private String lastReply(long rowId) {
        return catalog.rows(datasetId, RowFilter.ALL, RowSort.INSERTION, 0, ROWS).stream().filter(r -> r.id() == rowId)
                .findFirst().orElseThrow().content().messages().getLast().content();
    }

    // ---- helpers ----

    private long rejected() {
        return catalog.count(datasetId, RowFilter.ALL.withStatus(RowStatus.REJECTED));
    }


    private long tagged() {
        return catalog.count(datasetId, RowFilter.ALL.withTag("review"));
    }

    private DatasetsViewModel model() {
        return ((DatasetsPage) shell.currentPage()).viewModel();
    }

    private boolean firstRowLoaded() {
        return fx(() -> model().rowsProperty().get().size() > 0 && model().rowsProperty().get().loaded(0) != null);
    }

    private static Button button(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryAs(Button.class));
    }

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table(FxRobot robot) {
        return robot.lookup("#dataset-rows").queryAs(TableView.class);
    }

    private void scrollTo(FxRobot robot, String query) {
        robot.interact(() -> {
            javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) shell.currentPage().view();
            javafx.scene.Node target = robot.lookup(query).query();
            javafx.scene.Node content = scroll.getContent();
            var inContent = content.sceneToLocal(target.localToScene(target.getBoundsInLocal()));
            double range = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(Math.clamp((inContent.getMinY() - 100) / range, 0, 1));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(TIMEOUT, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
