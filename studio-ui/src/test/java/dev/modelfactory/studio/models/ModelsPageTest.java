package dev.modelfactory.studio.models;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.task.TaskState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The page in the real shell, with background tasks on worker threads and an in-memory catalog. */
@ExtendWith(ApplicationExtension.class)
class ModelsPageTest {

    private static final long TIMEOUT = 10;

    @TempDir
    Path temp;

    private final ErrorHandler errors = new ErrorHandler(false);
    private final FakeChooser chooser = new FakeChooser();
    private FakeModelCatalog catalog = FakeModelCatalog.populated();
    private StudioShell shell;
    private Stage stage;

    @BeforeEach
    void quietErrorLog() {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(Level.OFF);
    }

    @AfterEach
    void close(FxRobot robot) {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(null);
        if (shell != null) {
            robot.interact(() -> {
                shell.shutdown();
                stage.close();
            });
        }
    }

    @Test
    void listsScannedAndImportedModelsWithReadableColumnsFromABackgroundTask(FxRobot robot) throws Exception {
        open(robot);

        assertThat(cell(robot, "stories260K", "Parameters")).isEqualTo("260 K");
        assertThat(cell(robot, "stories260K", "Size")).isEqualTo("1.1 MiB");
        assertThat(cell(robot, "stories260K", "Context")).isEqualTo("512");
        assertThat(cell(robot, "stories260K", "Imported")).isEqualTo("No");
        assertThat(cell(robot, "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "Parameters")).isEqualTo("1.1 B");
        assertThat(cell(robot, "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "Source")).isEqualTo("Hugging Face cache");
        assertThat(cell(robot, "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "Quantisation")).isEqualTo("BF16");
        assertThat(cell(robot, "llama3.2:3b", "Context")).isEqualTo("131,072");
        assertThat(cell(robot, "mistral-7b-instruct-v0.3.Q8_0", "Size")).isEqualTo("7.2 GiB");
        assertThat(cell(robot, "SmolLM2-135M", "Imported")).isEqualTo("Yes \u00b7 9f1c2e7d");
        assertThat(cell(robot, "half-downloaded", "Architecture")).isEqualTo(ModelText.UNKNOWN);
        assertThat(label(robot, "#models-stat-models")).isEqualTo("7");
        assertThat(label(robot, "#models-stat-imported")).isEqualTo("1");
        assertThat(label(robot, "#models-stat-problems")).isEqualTo("1");
        assertThat(robot.lookup("#" + ModelsPage.EMPTY_ID).query().isVisible()).isFalse();

        TaskRegistry registry = shell.services().tasks();
        assertThat(registry.tasks()).anySatisfy(task -> {
            assertThat(task.getTitle()).isEqualTo("Scan for models");
            assertThat(task.getState()).isEqualTo(TaskState.SUCCEEDED);
        });
        assertThat(catalog.scanThreads).singleElement().isNotEqualTo("JavaFX Application Thread");
    }

    @Test
    void theFoldersAreListedWithKindAndStateWhileTheFirstScanRunsAndAgreeWithTheStats(FxRobot robot)
            throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        catalog.scanGate = gate;
        try {
            open(robot, false);
            WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> viewModel().foldersKnownProperty().get());
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(viewModel().loadedProperty().get()).as("the scan is still running").isFalse();
            assertThat(folderPaths(robot)).containsExactly(FakeModelCatalog.OLLAMA.toString(),
                    FakeModelCatalog.HF.toString(), FakeModelCatalog.LM_STUDIO.toString(),
                    FakeModelCatalog.USER.toString());
            assertThat(texts(robot, ".folder-kind")).containsExactly("Ollama", "Hugging Face cache", "LM Studio",
                    ModelSource.USER.label());
            assertThat(texts(robot, ".folder-row .model-badge")).containsExactly("Found", "Found", "Missing",
                    "Found");
            assertThat(label(robot, "#models-stat-folders")).isEqualTo("4");
            assertThat(statCaption(robot, "folders")).isEqualTo("folders searched, 1 missing");
            assertThat(label(robot, "#models-stat-models")).isEqualTo(ModelsPage.PENDING);
            assertThat(statCaption(robot, "models")).isEqualTo("Scanning\u2026");
        } finally {
            gate.countDown();
        }
        waitForLoaded(robot);

        assertThat(folderPaths(robot)).hasSize(4);
        assertThat(texts(robot, ".folder-row .model-badge")).containsExactly("2 models", "1 model", "Missing",
                "3 models");
        assertThat(label(robot, "#models-stat-folders")).isEqualTo("4");
        assertThat(statCaption(robot, "folders")).isEqualTo("folders searched, 1 missing");
        assertThat(label(robot, "#models-stat-models")).isEqualTo("7");
        assertThat(statCaption(robot, "models")).isEqualTo("models listed");
        assertThat(catalog.folderThreads).isNotEmpty().doesNotContain("JavaFX Application Thread");
    }

    @Test
    void anEmptyScanNamesTheFoldersSearchedAndHowToAddModels(FxRobot robot) throws Exception {
        catalog = FakeModelCatalog.empty();
        open(robot);

        assertThat(robot.lookup("#" + ModelsPage.EMPTY_ID).query().isVisible()).isTrue();
        assertThat(robot.lookup("#" + ModelTable.ID).query().isVisible()).isFalse();
        assertThat(label(robot, "#" + EmptyModels.TEXT_ID)).contains(
                "Ollama (/home/ada/.ollama/models)",
                "Hugging Face cache (/home/ada/.cache/huggingface/hub)",
                "LM Studio (/home/ada/.lmstudio/models, missing)",
                "Add a folder");
        assertThat(robot.lookup(".model-command").queryAs(TextField.class).getText())
                .isEqualTo("./modelfactory model import PATH");
    }

    @Test
    void importOnASelectedDiscoveredModelImportsWithTheChosenModeAndShowsTheId(FxRobot robot) throws Exception {
        open(robot);
        TableView<LocalModel> table = table(robot);
        LocalModel stories = row(table, "stories260K");
        robot.interact(() -> table.getSelectionModel().select(stories));
        assertThat(((TextField) robot.lookup("#" + ModelDetails.MODEL_ID_ID).query()).getText())
                .isEqualTo("Not imported");

        robot.interact(() -> robot.lookup(".models-page").queryAs(ScrollPane.class).setVvalue(1.0));
        robot.clickOn("#" + ModelDetails.IMPORT_REFERENCE_ID);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> row(table, "stories260K").imported());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(catalog.importCalls).containsExactly(
                new FakeModelCatalog.ImportCall(stories.location(), ImportMode.REFERENCE));
        String id = row(table, "stories260K").id();
        assertThat(cell(robot, "stories260K", "Imported")).isEqualTo("Yes \u00b7 " + id.substring(7, 15));
        assertThat(((TextField) robot.lookup("#" + ModelDetails.MODEL_ID_ID).query()).getText()).isEqualTo(id);
        assertThat(robot.lookup("#" + ModelDetails.IMPORT_REFERENCE_ID).tryQuery()).isEmpty();
        assertThat(label(robot, "#models-stat-imported")).isEqualTo("2");
    }

    @Test
    void theImportMenuImportsAChosenFileWithTheModeOfTheItem(FxRobot robot) throws Exception {
        open(robot);
        Path mistral = FakeModelCatalog.USER.resolve("mistral-7b-instruct-v0.3.Q8_0.gguf");
        chooser.answer = mistral;

        robot.clickOn("#" + ModelsPage.IMPORT_MENU_ID);
        robot.clickOn("GGUF file, copied into the workspace\u2026");
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> viewModel().importedCount().get() == 3);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(catalog.importCalls).containsExactly(new FakeModelCatalog.ImportCall(mistral, ImportMode.COPY));
        assertThat(table(robot).getItems().stream().filter(m -> m.name().startsWith("mistral")))
                .extracting(LocalModel::source).containsExactlyInAnyOrder(ModelSource.USER, ModelSource.WORKSPACE);
    }

    @Test
    void aFailingCatalogIsReportedWithTheFileNamedAndThePageStaysUsable(FxRobot robot) throws Exception {
        catalog.scanFailure = new IOException("/home/ada/.ollama/models/manifests/registry: permission denied");
        open(robot, false);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> !errors.reports().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(errors.reports()).singleElement().satisfies(report -> {
            assertThat(report.source()).isEqualTo("Scan for models");
            assertThat(report.summary()).contains("/home/ada/.ollama/models/manifests/registry");
        });
        Button rescan = robot.lookup("#" + ModelsPage.RESCAN_ID).queryAs(Button.class);
        assertThat(rescan.isDisabled()).isFalse();
        assertThat(((Label) table(robot).getPlaceholder()).getText()).contains("did not finish", "Rescan");

        catalog.scanFailure = null;
        robot.clickOn(rescan);
        waitForLoaded(robot);
        assertThat(table(robot).getItems()).hasSize(7);
    }

    @Test
    void addingAndRemovingAFolderUpdatesTheFolderList(FxRobot robot) throws Exception {
        open(robot);
        Path extra = Path.of("/data/llm");
        chooser.answer = extra;

        robot.clickOn("#" + ModelsPage.ADD_FOLDER_ID);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> folderPaths(robot).contains(extra.toString())
                && !viewModel().busyProperty().get());
        assertThat(folderPaths(robot)).hasSize(5);

        robot.clickOn("#" + FolderList.REMOVE_ID_PREFIX + "4");
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> !folderPaths(robot).contains(extra.toString()));
        assertThat(folderPaths(robot)).hasSize(4).contains(FakeModelCatalog.USER.toString());
        assertThat(robot.lookup("#" + FolderList.REMOVE_ID_PREFIX + "0").tryQuery()).as("Ollama is not removable")
                .isEmpty();
    }

    // ---- helpers ----

    private void open(FxRobot robot) throws Exception {
        open(robot, true);
    }

    private void open(FxRobot robot, boolean waitForScan) throws Exception {
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace("/home/ada/workspace", "3")
                .computeDevice("CPU").preferencesFile(temp.resolve("ui.properties"))
                .addPage(ModelsPage.factory(catalog, chooser)).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1200, 760));
            stage.show();
            shell.show(ModelsPage.ID);
        });
        if (waitForScan) {
            waitForLoaded(robot);
        }
    }

    private void waitForLoaded(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS,
                () -> viewModel().loadedProperty().get() && !viewModel().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ModelsViewModel viewModel() {
        return ((ModelsPage) shell.currentPage()).viewModel();
    }

    @SuppressWarnings("unchecked")
    private static TableView<LocalModel> table(FxRobot robot) {
        return robot.lookup("#" + ModelTable.ID).queryAs(TableView.class);
    }

    private static LocalModel row(TableView<LocalModel> table, String name) {
        return table.getItems().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** The text a table cell shows (what the user reads, after the cell factory). */
    private static String cell(FxRobot robot, String name, String column) {
        return robot.lookup(".table-row-cell").queryAll().stream()
                .filter(r -> ((javafx.scene.control.TableRow<?>) r).getItem() instanceof LocalModel m
                        && m.name().equals(name))
                .flatMap(r -> robot.from(r).lookup(".table-cell").queryAll().stream())
                .map(c -> (TableCell<?, ?>) c)
                .filter(c -> c.getTableColumn().getText().equals(column))
                .map(TableCell::getText).findFirst().orElseThrow(() -> new AssertionError(name + " / " + column));
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static java.util.List<String> texts(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream().map(n -> ((Label) n).getText()).toList();
    }

    /** The caption under a stat's figure. */
    private static String statCaption(FxRobot robot, String key) {
        Node value = robot.lookup("#" + ModelsPage.STAT_ID_PREFIX + key).query();
        return ((Label) ((javafx.scene.layout.VBox) value.getParent()).getChildren().get(1)).getText();
    }

    private static java.util.List<String> folderPaths(FxRobot robot) {
        return robot.lookup(".folder-path").queryAll().stream().map(n -> ((TextField) n).getText()).toList();
    }

    @SuppressWarnings("unused")
    private static boolean showing(Node node) {
        return node.isVisible() && node.getScene() != null;
    }
}
