package dev.modelfactory.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.modelfactory.ledger.dataset.ExportFormat;
import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.CurationKind;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.NearDuplicateCluster;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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

/**
 * The page's filter, chart, delete, PII, cluster, split and export tools in the real shell, headless, over the
 * curated demo workspace ({@link DatasetsSnapshotMain#populate}: 362 support chats, checks run, one row with an
 * e-mail address and a phone number, two versions).
 */
@ExtendWith(ApplicationExtension.class)
class DatasetsPageToolsTest {

    private static final long TIMEOUT = 30;

    @TempDir
    Path temp;

    private final ErrorHandler errors = new ErrorHandler(false);
    private Workspace ws;
    private WorkspaceDatasetCatalog catalog;
    private StudioShell shell;
    private Stage stage;
    private long datasetId;
    private Path exportTarget;

    @BeforeEach
    void open(FxRobot robot) throws Exception {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(Level.OFF);
        ws = Workspace.open(temp.resolve("ws"));
        catalog = new WorkspaceDatasetCatalog(ws);
        DatasetsSnapshotMain.populate(catalog, Files.createDirectories(temp.resolve("demo")));
        datasetId = catalog.datasets().stream().filter(d -> d.name().equals("customer-support")).findFirst().orElseThrow().id();
        exportTarget = temp.resolve("export").resolve("chats.jsonl");
        Files.createDirectories(exportTarget.getParent());
        DatasetChooser chooser = new DatasetChooser() {
            @Override
            public Optional<Path> chooseFile(Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> chooseFolder(Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> chooseExportTarget(Window owner, String suggestedName) {
                return Optional.of(exportTarget);
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
        waitUntil(() -> model().loadedProperty().get() && !model().busyProperty().get() && firstRowLoaded()
                && model().selectedProperty().get().id() == datasetId);
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
    void contributorAndTagDropdownsOfferTheDatasetsOwnAndTheTokenRangeFilters(FxRobot robot) throws Exception {
        waitUntil(() -> fx(() -> model().filterChoices().contributors().size()) == 3 && !model().busyProperty().get());
        assertThat(fx(() -> List.copyOf(model().filterChoices().contributors())))
                .containsExactlyInAnyOrder(DemoData.ALICE.toLowerCase(java.util.Locale.ROOT), "Ada Lovelace", "Support team Berlin");
        assertThat(fx(() -> List.copyOf(model().filterChoices().tags()))).containsExactly("billing");

        robot.interact(() -> this.<String>combo(robot, "#datasets-contributor-filter").getSelectionModel().select("Ada Lovelace"));
        long ada = catalog.count(datasetId, RowFilter.ALL.withContributor("Ada Lovelace"));
        waitUntil(() -> model().matchingProperty().get() == ada && firstRowLoaded());
        assertThat(ada).isPositive().isLessThan(total());
        robot.interact(() -> this.<String>combo(robot, "#datasets-tag-filter").getSelectionModel().select("billing"));
        long both = catalog.count(datasetId, RowFilter.ALL.withContributor("Ada Lovelace").withTag("billing"));
        waitUntil(() -> model().matchingProperty().get() == both);
        robot.interact(() -> model().clearFilters());
        waitUntil(() -> model().matchingProperty().get() == total());
        assertThat(fx(() -> combo(robot, "#datasets-contributor-filter").getValue())).isNull();

        // the token counts come from the checks populate ran; ask for the longer rows only
        long longer = catalog.count(datasetId, RowFilter.ALL.withTokens(40, null));
        assertThat(longer).isPositive().isLessThan(total());
        robot.clickOn("#" + DatasetsPage.MIN_TOKENS_ID).write("40").type(KeyCode.ENTER);
        waitUntil(() -> model().matchingProperty().get() == longer);
        robot.clickOn("#" + DatasetsPage.MAX_TOKENS_ID).write("45").type(KeyCode.ENTER);
        long range = catalog.count(datasetId, RowFilter.ALL.withTokens(40, 45));
        waitUntil(() -> model().matchingProperty().get() == range);
        assertThat(model().filter().minTokens()).isEqualTo(40);
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void deletingTheSelectedRowsIsRecordedAndUndoBringsThemBack(FxRobot robot) throws Exception {
        long before = total();
        robot.interact(() -> this.<RowRef>table(robot).getSelectionModel().selectRange(0, 3));
        waitUntil(() -> !fx(() -> button(robot, "#" + DatasetsPage.DELETE_ID).isDisabled()));
        robot.clickOn("#" + DatasetsPage.DELETE_ID);
        waitUntil(() -> total() == before - 3 && !model().busyProperty().get());
        waitUntil(() -> fx(() -> !model().curation().history().isEmpty()
                && model().curation().history().getFirst().kind() == CurationKind.DELETE));
        waitUntil(() -> model().matchingProperty().get() == before - 3);

        robot.interact(() -> model().curation().undo());
        waitUntil(() -> total() == before && !model().busyProperty().get());
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void chartsShowTokenLengthsAndRowsPerContributorTagAndFlag(FxRobot robot) throws Exception {
        waitUntil(() -> model().insights().insightsProperty().get() != null && !model().busyProperty().get());
        // populate ran the checks after its last import, so every row has a token count
        assertThat(catalog.count(datasetId, RowFilter.ALL.withTokens(0, null))).isEqualTo(total());
        assertThat(sum(robot, "#dataset-chart-tokens")).isEqualTo(total());
        assertThat(bars(robot, "#dataset-chart-tokens")).hasSizeGreaterThan(1);
        assertThat(bars(robot, "#dataset-chart-contributor")).hasSize(3);
        assertThat(sum(robot, "#dataset-chart-contributor")).isEqualTo(total());
        assertThat(bars(robot, "#dataset-chart-tag")).containsKeys("billing", "untagged");
        assertThat(bars(robot, "#dataset-chart-tag").get("billing")).isEqualTo(4);
        assertThat(bars(robot, "#dataset-chart-flag")).containsEntry("PII email", 1L).doesNotContainValue(0L)
                .containsEntry("Exact duplicate", catalog.count(datasetId, RowFilter.ALL.withFlag(RowFlag.EXACT_DUPLICATE)));
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void theRowDetailMarksThePiiTheCheckFound(FxRobot robot) throws Exception {
        robot.interact(() -> model().searchProperty().set("maria.rossi"));
        waitUntil(() -> model().matchingProperty().get() == 1 && firstRowLoaded());
        robot.interact(() -> this.<RowRef>table(robot).getSelectionModel().clearAndSelect(0));
        waitUntil(() -> fx(() -> robot.lookup(".pii-span").queryAll().size()) == 2);
        assertThat(fx(() -> robot.lookup(".pii-span").queryAll().stream().map(n -> ((Label) n).getText()).toList()))
                .containsExactly("+44 20 7946 0958", "maria.rossi@example.com");
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void aClusterSideBySideMarksTheDifferingWordsAndKeepsOne(FxRobot robot) throws Exception {
        waitUntil(() -> !fx(() -> model().curation().clusters().isEmpty()));
        NearDuplicateCluster cluster = fx(() -> model().curation().clusters().getFirst());
        robot.interact(() -> this.<NearDuplicateCluster>combo(robot, "#datasets-cluster-pick").getSelectionModel().select(cluster));
        waitUntil(() -> fx(() -> robot.lookup("#cluster-keep-1").tryQuery().isPresent()) && !model().busyProperty().get());
        assertThat(fx(() -> model().curation().compared().size())).isEqualTo(Math.min(4, cluster.size()));
        assertThat(fx(() -> robot.lookup(".diff-word").queryAll().stream().map(n -> ((Label) n).getText()).toList()))
                .as("the demo's near-duplicates differ in their ticket numbers").anyMatch(w -> w.matches("\\d+\\)?"));
        int keep = fx(() -> {
            var shown = model().curation().compared();
            return java.util.stream.IntStream.range(0, shown.size()).filter(i -> shown.get(i).status() != RowStatus.REJECTED)
                    .findFirst().orElseThrow();
        });
        long kept = fx(() -> model().curation().compared().get(keep).id());

        scrollTo(robot, "#cluster-keep-" + keep);
        robot.interact(() -> robot.lookup("#cluster-keep-" + keep).queryAs(Button.class).fire());
        waitUntil(() -> !model().busyProperty().get() && model().curation().undoTextProperty().get().contains("near"));
        var rows = catalog.rows(datasetId, RowFilter.ALL.withNearDuplicateCluster(cluster.clusterId()), RowSort.INSERTION, 0, 10_000);
        assertThat(rows).hasSize(cluster.size())
                .allMatch(r -> r.id() == kept ? r.status() != RowStatus.REJECTED : r.status() == RowStatus.REJECTED);
        waitUntil(() -> fx(() -> model().curation().compared().stream().filter(r -> r.status() == RowStatus.REJECTED).count())
                == Math.min(4, cluster.size()) - 1);
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void exportWritesTheChosenVersionToTheChosenFile(FxRobot robot) throws Exception {
        waitUntil(() -> fx(() -> model().versions().versions().size()) == 2);
        DatasetVersion first = fx(() -> model().versions().versions().getFirst());
        robot.interact(() -> {
            this.<DatasetVersion>combo(robot, "#dataset-export-source").getSelectionModel().select(first);
            this.<ExportFormat>combo(robot, "#dataset-export-format").getSelectionModel().select(ExportFormat.OPENAI);
        });
        scrollTo(robot, "#dataset-export");
        robot.clickOn("#dataset-export");
        waitUntil(() -> fx(() -> robot.lookup("#dataset-export-outcome").queryAs(Label.class).getText()).contains("written"));
        assertThat(Files.readAllLines(exportTarget)).hasSize((int) first.rowCount()).allMatch(l -> l.contains("\"messages\""));
        assertThat(fx(() -> robot.lookup("#dataset-export-outcome").queryAs(Label.class).getText()))
                .contains(first.rowCount() + " rows").contains("chats.jsonl").contains("openai");
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void aStratifiedSplitFromThePageIsRecordedAndUndoable(FxRobot robot) throws Exception {
        scrollTo(robot, "#dataset-split-stratify");
        robot.clickOn("#dataset-split-stratify");
        robot.interact(() -> model().versions().seedProperty().set(7));
        robot.clickOn("#dataset-assign-splits");
        waitUntil(() -> fx(() -> !model().curation().history().isEmpty() && model().curation().history().getFirst()
                .parameters().getOrDefault("stratifyByTag", "").equals("true")) && !model().busyProperty().get());
        assertThat(fx(() -> model().curation().history().getFirst().kind())).isEqualTo(CurationKind.SPLIT);
        assertThat(fx(() -> model().curation().undoTextProperty().get())).contains("stratified by tag");
        assertThat(errors.reports()).isEmpty();
    }

    // ---- helpers ----

    private long total() {
        return catalog.count(datasetId, RowFilter.ALL);
    }

    /** A bar chart's bars, name to height, whichever axis holds the names. */
    private java.util.Map<String, Long> bars(FxRobot robot, String chart) {
        return fx(() -> {
            @SuppressWarnings("unchecked")
            BarChart<Object, Object> c = robot.lookup(chart).queryAs(BarChart.class);
            java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
            for (XYChart.Data<Object, Object> d : c.getData().getFirst().getData()) {
                boolean sideways = d.getXValue() instanceof Number;
                out.put((String) (sideways ? d.getYValue() : d.getXValue()),
                        ((Number) (sideways ? d.getXValue() : d.getYValue())).longValue());
            }
            return out;
        });
    }

    private long sum(FxRobot robot, String chart) {
        return bars(robot, chart).values().stream().mapToLong(Long::longValue).sum();
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
    private <T> ComboBox<T> combo(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table(FxRobot robot) {
        return robot.lookup("#dataset-rows").queryAs(TableView.class);
    }

    private void scrollTo(FxRobot robot, String query) {
        robot.interact(() -> {
            javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) shell.currentPage().view();
            Node target = robot.lookup(query).query();
            Node content = scroll.getContent();
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
