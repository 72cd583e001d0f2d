package dev.modelfactory.studio.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.benchmarks.report.Comparison;
import dev.modelfactory.studio.benchmarks.report.Example;
import dev.modelfactory.studio.benchmarks.report.Verdict;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.task.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
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

/** The page in the real shell, background tasks on worker threads, over the in-memory test backend. */
@ExtendWith(ApplicationExtension.class)
class BenchmarksPageTest {

    private static final long TIMEOUT = 15;

    @TempDir
    Path temp;

    private final ErrorHandler errors = new ErrorHandler(false);
    private final FakeChooser chooser = new FakeChooser();
    private final FakeBenchmarksBackend backend = new FakeBenchmarksBackend();
    private StudioShell shell;
    private Stage stage;

    @BeforeEach
    void quietErrorLog() {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(Level.OFF);
    }

    @AfterEach
    void close(FxRobot robot) {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(null);
        if (backend.gate != null) {
            backend.gate.countDown();
        }
        if (shell != null) {
            robot.interact(() -> {
                shell.shutdown();
                stage.close();
            });
        }
    }

    @Test
    void createsASuiteFromADatasetsTestSplitWithTheTickedMetrics(FxRobot robot) throws Exception {
        open(robot);
        robot.clickOn("#" + BenchmarksPage.NEW_SUITE_ID);
        robot.clickOn("#" + NewSuiteForm.DATASET_ID).write("support-chats");
        robot.clickOn("#" + NewSuiteForm.METRIC_ID_PREFIX + "token_f1");
        robot.clickOn("#" + NewSuiteForm.METRIC_ID_PREFIX + "rouge_l");
        robot.clickOn("#" + NewSuiteForm.CREATE_ID);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> suiteCombo(robot).getValue() != null
                && suiteCombo(robot).getValue().name().equals("support-chats-test"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(backend.createCalls).containsExactly(new FakeBenchmarksBackend.CreateCall("support-chats",
                "support-chats-test", List.of(Metric.EXACT_MATCH, Metric.ROUGE_L)));
        assertThat(backend.threads).doesNotContain("JavaFX Application Thread");
        assertThat(robot.lookup("#" + NewSuiteForm.ID).query().isVisible()).isFalse();
        assertThat(label(robot, "#" + BenchmarksPage.STATUS_ID)).contains("support-chats-test v1", "24 items");
    }

    @Test
    void aSuiteFileTheBackendRefusesIsReportedWithItsLineAndNothingIsAdded(FxRobot robot) throws Exception {
        open(robot);
        chooser.suite = temp.resolve("broken.jsonl");
        robot.clickOn("#" + BenchmarksPage.IMPORT_ID);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> !errors.reports().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(errors.reports()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("Import suite broken.jsonl");
            assertThat(r.summary()).contains("broken.jsonl line 1");
        });
        assertThat(suiteCombo(robot).getItems()).extracting(BenchmarksBackend.SuiteRef::name)
                .containsExactly(BenchData.SUITE);
    }

    @Test
    void aRunShowsProgressPerSystemThenTheComparisonTable(FxRobot robot) throws Exception {
        open(robot);
        backend.gate = new CountDownLatch(1);
        robot.clickOn("#" + BenchmarksPage.RUN_ID);
        assertThat(backend.reachedGate.await(TIMEOUT, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().progressView().progress("base") > 0);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(page().progressView().progress("base")).isEqualTo(1 / 12.0);
        assertThat(page().progressView().progress("geo")).isZero();
        assertThat(robot.lookup("." + RunProgressView.BAR_CLASS).queryAll()).hasSize(3);
        assertThat(robot.lookup("#" + BenchmarksPage.CANCEL_ID).queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#" + BenchmarksPage.RUN_ID).queryButton().isDisabled()).isTrue();
        assertThat(shell.services().tasks().tasks()).anySatisfy(t -> {
            assertThat(t.getTitle()).isEqualTo("Evaluate starter-eval v1 on starter-base");
            assertThat(t.getState()).isEqualTo(TaskState.RUNNING);
        });

        backend.gate.countDown();
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS,
                () -> page().comparisonView().table().getItems().size() == 9);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(backend.runCalls).containsExactly(List.of("base", "geo", "tone"));
        assertThat(page().progressView().progress("tone")).isEqualTo(1.0);
        Comparison expected = Comparison.of(BenchData.suite(), BenchData.result(BenchData.SYSTEMS, "Paris"), "base");
        var geo = expected.cell("capitals", Metric.EXACT_MATCH, "geo");
        assertThat(cell(robot, "geo", Metric.EXACT_MATCH, "Mean [95 % CI]")).isEqualTo(Verdict.meanText(geo.summary()));
        assertThat(cell(robot, "geo", Metric.EXACT_MATCH, "\u0394 vs baseline [95 % CI]"))
                .isEqualTo(Verdict.deltaText(Metric.EXACT_MATCH, geo.delta().orElseThrow())).startsWith("+0.375 [");
        assertThat(cell(robot, "base", Metric.EXACT_MATCH, "\u0394 vs baseline [95 % CI]")).isEqualTo("baseline");
        assertThat(robot.lookup(".bench-bar").queryAll()).hasSize(2 * 3 + 2 * 3 + 3);
        assertThat(robot.lookup(".bench-error-bar").queryAll()).hasSize(3 * (2 * 3 + 2 * 3 + 3));
        assertThat(page().loaded().run().id()).isEqualTo(1);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> !runsTable().getItems().isEmpty());
    }

    @Test
    void theARightBWrongFilterShowsOnlyThoseExamplesAndOpeningARunEvaluatesNothing(FxRobot robot)
            throws Exception {
        backend.withStoredRun();
        open(robot);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> !runsTable().getItems().isEmpty());
        robot.interact(() -> {
            runsTable().getSelectionModel().selectFirst();
            robot.lookup("#" + RunsTable.OPEN_ID).queryButton().fire();
        });
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().loaded() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(backend.runCalls).as("opening a stored run evaluates nothing").isEmpty();
        assertThat(page().examplesView().shown()).hasSize(12);

        robot.interact(() -> page().examplesView().filter(ExamplesView.Kind.RIGHT_WRONG, "geo", "base",
                Metric.EXACT_MATCH));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(ids(page().examplesView().shown())).containsExactly("c2", "c3", "c4", "c8");
        assertThat(label(robot, "#" + ExamplesView.COUNT_ID)).isEqualTo("4 of 12 examples");
        List<String> visible = robot.lookup("#" + ExamplesView.LIST_ID + " .list-cell").queryAll().stream()
                .map(n -> (ListCell<?>) n).filter(c -> c.getItem() != null && c.isVisible())
                .sorted(java.util.Comparator.comparingInt(ListCell::getIndex))
                .map(c -> ((Example) c.getItem()).item().id()).toList();
        assertThat(visible).isNotEmpty().isSubsetOf("c2", "c3", "c4", "c8").startsWith("c2");
        assertThat(robot.lookup("." + ExampleCard.DIFF_CLASS).queryAll()).isNotEmpty();

        robot.interact(() -> page().examplesView().filter(ExamplesView.Kind.ALL_WRONG, null, null, null));
        assertThat(ids(page().examplesView().shown())).containsExactly("c5");
    }

    @Test
    void significantDeltasAreMarkedAndFollowTheChosenBaseline(FxRobot robot) throws Exception {
        backend.withDecisiveRun();
        open(robot);
        robot.interact(() -> page().open(2));
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().loaded() != null);
        WaitForAsyncUtils.waitForFxEvents();
        String delta = "\u0394 vs baseline [95 % CI]";
        assertThat(cell(robot, "geo", Metric.EXACT_MATCH, delta)).isEqualTo("+1.000 [+1.000, +1.000] \u25B2");
        assertThat(deltaCell(robot, "geo").getStyleClass()).contains(ComparisonView.BETTER_CLASS);

        robot.interact(() -> page().comparisonView().baseline().setValue("geo"));
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS,
                () -> page().loaded().comparison().baseline().equals("geo"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cell(robot, "base", Metric.EXACT_MATCH, delta)).isEqualTo("-1.000 [-1.000, -1.000] \u25BC");
        assertThat(deltaCell(robot, "base").getStyleClass()).contains(ComparisonView.WORSE_CLASS);
        assertThat(cell(robot, "geo", Metric.EXACT_MATCH, delta)).isEqualTo("baseline");
        assertThat(backend.runCalls).isEmpty();
    }

    @Test
    void similarTrainingRowsListTheAdaptersNearestRowsWithContributorAndOverlap(FxRobot robot) throws Exception {
        backend.withStoredRun();
        open(robot);
        robot.interact(() -> page().open(1));
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().loaded() != null);
        robot.interact(() -> page().examplesView().filter(ExamplesView.Kind.RIGHT_WRONG, "geo", "base",
                Metric.EXACT_MATCH));
        WaitForAsyncUtils.waitForFxEvents();
        ListCell<?> first = robot.lookup("#" + ExamplesView.LIST_ID + " .list-cell").queryAll().stream()
                .map(n -> (ListCell<?>) n).filter(c -> c.getIndex() == 0).findFirst().orElseThrow();
        assertThat(((Example) first.getItem()).item().id()).isEqualTo("c2");
        Button similar = robot.from(first).lookup("." + ExampleCard.SIMILAR_CLASS).queryAll().stream()
                .map(n -> (Button) n).filter(b -> "geo".equals(b.getUserData())).findFirst().orElseThrow();
        robot.interact(similar::fire);
        var table = robot.lookup("#" + NearRowsView.ID).queryTableView();
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> table.getItems().size() == 2);

        assertThat(backend.nearQueries).containsExactly("geo: Capital of Japan?\nTokyo");
        assertThat(((BenchmarksBackend.NearRow) table.getItems().getFirst()).contributor()).isEqualTo("ada");
        assertThat(table.isVisible()).isTrue();
    }

    @Test
    void cancellingARunStopsItStoresNothingAndLetsTheUserRunAgain(FxRobot robot) throws Exception {
        open(robot);
        backend.gate = new CountDownLatch(1);
        robot.clickOn("#" + BenchmarksPage.RUN_ID);
        assertThat(backend.reachedGate.await(TIMEOUT, TimeUnit.SECONDS)).isTrue();
        robot.clickOn("#" + BenchmarksPage.CANCEL_ID);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().job() == null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shell.services().tasks().tasks()).filteredOn(t -> t.getTitle().startsWith("Evaluate"))
                .singleElement().extracting(t -> t.getState()).isEqualTo(TaskState.CANCELLED);
        assertThat(backend.runs()).isEmpty();
        assertThat(label(robot, "#" + BenchmarksPage.STATUS_ID)).isEqualTo("Cancelled: nothing was stored.");
        assertThat(page().loaded()).isNull();
        assertThat(robot.lookup("#" + BenchmarksPage.RUN_ID).queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#" + BenchmarksPage.CANCEL_ID).queryButton().isDisabled()).isTrue();
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void theExportButtonsWriteTheHtmlReportAndTheCsv(FxRobot robot) throws Exception {
        backend.withStoredRun();
        open(robot);
        robot.interact(() -> page().open(1));
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().loaded() != null);
        chooser.html = temp.resolve("report.html");
        chooser.csv = temp.resolve("outputs.csv");
        robot.interact(() -> {
            robot.lookup("#" + BenchmarksPage.EXPORT_HTML_ID).queryButton().fire();
            robot.lookup("#" + BenchmarksPage.EXPORT_CSV_ID).queryButton().fire();
        });
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> Files.exists(chooser.html)
                && Files.exists(chooser.csv));

        assertThat(Files.readString(chooser.html)).startsWith("<!DOCTYPE html>").contains("<svg", "class=\"bar\"",
                "data-item=\"c8\"");
        assertThat(Files.readAllLines(chooser.csv)).hasSize(1 + 3 * 12);
    }

    // ---- helpers ----

    private void open(FxRobot robot) throws Exception {
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace("/home/ada/workspace", "3")
                .computeDevice("CPU").preferencesFile(temp.resolve("ui.properties"))
                .addPage(BenchmarksPage.factory(backend, chooser)).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1200, 800));
            stage.show();
            shell.show(BenchmarksPage.ID);
        });
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> page().selectedSystems().size() == 3
                && suiteCombo(robot).getValue() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private BenchmarksPage page() {
        return (BenchmarksPage) shell.currentPage();
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<BenchmarksBackend.SuiteRef> suiteCombo(FxRobot robot) {
        return robot.lookup("#" + BenchmarksPage.SUITE_ID).queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private javafx.scene.control.TableView<BenchmarksBackend.RunRef> runsTable() {
        return (javafx.scene.control.TableView<BenchmarksBackend.RunRef>) shell.root().lookup("#" + RunsTable.ID);
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static List<String> ids(List<Example> examples) {
        return examples.stream().map(e -> e.item().id()).toList();
    }

    private static TableCell<?, ?> deltaCell(FxRobot robot, String system) {
        return robot.lookup("#" + ComparisonView.TABLE_ID + " .table-row-cell").queryAll().stream()
                .filter(r -> ((javafx.scene.control.TableRow<?>) r).getItem() instanceof Comparison.Cell c
                        && c.system().equals(system) && c.metric() == Metric.EXACT_MATCH)
                .flatMap(r -> robot.from(r).lookup(".table-cell").queryAll().stream())
                .map(c -> (TableCell<?, ?>) c).filter(c -> c.getTableColumn().getText().startsWith("\u0394"))
                .findFirst().orElseThrow();
    }

    /** The text a comparison-table cell shows (after its cell factory). */
    private static String cell(FxRobot robot, String system, Metric metric, String column) {
        return robot.lookup("#" + ComparisonView.TABLE_ID + " .table-row-cell").queryAll().stream()
                .filter(r -> ((javafx.scene.control.TableRow<?>) r).getItem() instanceof Comparison.Cell c
                        && c.system().equals(system) && c.metric() == metric && c.task().equals("capitals"))
                .flatMap(r -> robot.from(r).lookup(".table-cell").queryAll().stream())
                .map(c -> (TableCell<?, ?>) c).filter(c -> c.getTableColumn().getText().equals(column))
                .map(TableCell::getText).findFirst().orElseThrow(() -> new AssertionError(system + " / " + column));
    }
}
