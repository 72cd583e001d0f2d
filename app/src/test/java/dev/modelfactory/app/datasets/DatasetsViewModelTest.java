package dev.modelfactory.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.RejectedRow;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowSort;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import dev.modelfactory.ledger.store.dataset.UseExclusions;
import dev.modelfactory.studio.datasets.DatasetsViewModel;
import dev.modelfactory.studio.datasets.ImportViewModel;
import dev.modelfactory.studio.datasets.InsightsViewModel;
import dev.modelfactory.studio.datasets.PagedRows;
import dev.modelfactory.studio.task.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's view models without a stage, over a real workspace through the app's catalog. */
class DatasetsViewModelTest {

    private static final int ROWS = 250;

    @TempDir
    Path temp;

    private Workspace ws;
    private WorkspaceDatasetCatalog catalog;
    private DatasetsViewModel model;
    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(temp.resolve("ws"));
        catalog = new WorkspaceDatasetCatalog(ws);
        model = new DatasetsViewModel(catalog, new CurrentThreadTaskExecutor(), Runnable::run, Runnable::run,
                (what, e) -> errors.add(what + ": " + e.getMessage()));
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    /** Imports the support chats through the import flow; returns its summary's dataset id. */
    private long importSupportChats() throws Exception {
        ImportViewModel importer = model.importer();
        importer.choose(DemoData.supportChats(temp, ROWS));
        importer.contributorFieldProperty().set("contributor");
        importer.licenceProperty().set("CC-BY-4.0");
        importer.start();
        assertThat(importer.stageProperty().get()).isEqualTo(ImportViewModel.Stage.DONE);
        return importer.summaryProperty().get().datasetId();
    }

    @Test
    void anImportDetectsThePreviewsAndListsEachRejectWithFileLineAndReason() throws Exception {
        ImportViewModel importer = model.importer();
        Path file = DemoData.supportChats(temp, ROWS);
        importer.choose(file);

        assertThat(importer.formatProperty().get()).isEqualTo(DatasetFormat.OPENAI);
        assertThat(importer.previewProperty().get().detection().preview()).hasSize(ImportViewModel.PREVIEW_ROWS);
        assertThat(importer.datasetNameProperty().get()).isEqualTo("support-chats");
        importer.contributorFieldProperty().set("contributor");
        importer.start();

        var summary = importer.summaryProperty().get();
        assertThat(summary.imported()).isEqualTo(ROWS);
        assertThat(summary.rejectedCount()).isEqualTo(3);
        assertThat(importer.rejects()).extracting(r -> r.source().line()).containsExactlyElementsOf(DemoData.BAD_LINES);
        assertThat(importer.rejects()).extracting(RejectedRow::reason).allSatisfy(r -> assertThat(r).isNotBlank());
        assertThat(importer.rejects()).allSatisfy(r -> assertThat(r.source().file()).isEqualTo(file.toString()));
        assertThat(summary.duplicatesInFile()).isEqualTo(20);
        assertThat(model.datasets()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("support-chats");
            assertThat(d.rows()).isEqualTo(ROWS);
        });
        assertThat(model.selectedProperty().get().name()).isEqualTo("support-chats");
        assertThat(model.matchingProperty().get()).isEqualTo(ROWS);
        assertThat(model.rowsProperty().get().get(0).row().contributor()).isEqualTo(DemoData.ALICE.toLowerCase());
        assertThat(errors).isEmpty();
    }

    @Test
    void filtersCountAndPageTheMatchingRowsOnly() throws Exception {
        long id = importSupportChats();

        model.contributorProperty().set("Ada Lovelace");
        assertThat(model.matchingProperty().get()).isEqualTo(catalog.count(id, RowFilter.ALL.withContributor("Ada Lovelace")))
                .isEqualTo(83);
        PagedRows rows = model.rowsProperty().get();
        assertThat(IntStream.range(0, rows.size()).mapToObj(i -> rows.get(i).row().contributor()))
                .containsOnly("Ada Lovelace");

        model.clearFilters();
        model.searchProperty().set("ROUTER");
        assertThat(model.matchingProperty().get()).isEqualTo(25);
        assertThat(DatasetsViewModelTest.text(model, 0)).containsIgnoringCase("router");

        model.clearFilters();
        model.duplicatesOnlyProperty().set(true);
        assertThat(model.matchingProperty().get()).isEqualTo(30);

        model.clearFilters();
        model.sortProperty().set(RowSort.LENGTH_DESC);
        long longest = model.rowsProperty().get().get(0).row().content().contentLength();
        assertThat(model.rowsProperty().get().get(ROWS - 1).row().content().contentLength()).isLessThanOrEqualTo(longest);
        assertThat(errors).isEmpty();
    }

    @Test
    void bulkAcceptAndRejectChangeTheChosenRowsEvenOnPagesNotInMemory() throws Exception {
        long id = importSupportChats();

        model.setStatus(List.of(0, 1, 2, 230, 240), RowStatus.ACCEPTED);
        model.setStatus(List.of(3, 249), RowStatus.REJECTED);

        assertThat(catalog.count(id, RowFilter.ALL.withStatus(RowStatus.ACCEPTED))).isEqualTo(5);
        assertThat(catalog.count(id, RowFilter.ALL.withStatus(RowStatus.REJECTED))).isEqualTo(2);
        model.statusProperty().set(RowStatus.ACCEPTED);
        assertThat(model.matchingProperty().get()).isEqualTo(5);
        assertThat(model.rowsProperty().get().get(4).row().source().line())
                .as("row 240 of the file, after the 3 bad lines").isEqualTo(244);
        InsightsViewModel.Insights insights = model.insights().insightsProperty().get();
        assertThat(insights.byStatus()).containsEntry(RowStatus.ACCEPTED, 5L).containsEntry(RowStatus.REJECTED, 2L)
                .containsEntry(RowStatus.PENDING, (long) ROWS - 7);
        assertThat(errors).isEmpty();
    }

    @Test
    void splitsThenFreezeListTheVersionAndTwoVersionsDiff() throws Exception {
        long id = importSupportChats();
        var versions = model.versions();

        versions.assignSplits();
        assertThat(catalog.count(id, RowFilter.ALL.withSplit(Split.TRAIN))).isBetween(180L, 220L);
        versions.labelProperty().set("first");
        versions.freeze();
        assertThat(versions.versions()).singleElement().satisfies(v -> {
            assertThat(v.root()).matches("[0-9a-f]{64}");
            assertThat(v.rowCount()).isEqualTo(ROWS);
            assertThat(v.label()).isEqualTo("first");
        });

        model.setStatus(List.of(100, 101, 102, 103), RowStatus.REJECTED);
        versions.freeze();
        assertThat(versions.versions()).hasSize(2);
        assertThat(model.datasets().getFirst().versions()).isZero(); // the list refreshes on the next visit
        DatasetVersion second = versions.versions().getLast();
        assertThat(second.rowCount()).isEqualTo(ROWS - 4);
        assertThat(versions.diffFromProperty().get()).isEqualTo(versions.versions().getFirst());
        versions.compare();
        assertThat(versions.diffProperty().get().removed()).isEqualTo(4);
        assertThat(versions.diffProperty().get().added()).isZero();

        versions.trainProperty().set(0.9);
        assertThat(versions.assignSplits()).isNull();
        assertThat(versions.outcomeProperty().get()).contains("sum to 1");
        assertThat(errors).isEmpty();
    }

    @Test
    void permissionsSayHowManyRowsEachUseLosesAndWhose() throws Exception {
        importSupportChats();

        UseExclusions commercial = model.insights().insightsProperty().get().exclusions().get(Use.COMMERCIAL.ordinal());
        assertThat(commercial.excludedRows()).isEqualTo(ROWS);
        assertThat(commercial.byContributor()).extracting(UseExclusions.ContributorCount::contributor)
                .containsExactlyInAnyOrder(DemoData.ALICE.toLowerCase(), "Ada Lovelace", "Support team Berlin");
        assertThat(model.insights().insightsProperty().get().exclusions().get(Use.TRAIN.ordinal()).excludedRows()).isZero();
        assertThat(model.insights().insightsProperty().get().duplicates().groups()).isEqualTo(10);
    }

    @Test
    void aCsvWithoutKnownHeadersAsksForAMappingThenImportsWithIt() throws Exception {
        Path csv = temp.resolve("notes.csv");
        Files.writeString(csv, "frage,antwort,autor\n\"Wie spät?\",\"Zehn Uhr.\",Grace\n\"Wo?\",\"Hier.\",Ada\n");
        ImportViewModel importer = model.importer();
        importer.choose(csv);

        assertThat(importer.columns()).containsExactly("frage", "antwort", "autor");
        assertThat(importer.start()).isNull();
        assertThat(importer.problemProperty().get()).contains("Instruction and Output");

        importer.mappingProperty(ImportViewModel.Field.INSTRUCTION).set("frage");
        importer.mappingProperty(ImportViewModel.Field.OUTPUT).set("antwort");
        importer.contributorFieldProperty().set("autor");
        importer.contributorProperty().set("0x12");
        assertThat(importer.start()).isNull();
        assertThat(importer.problemProperty().get()).startsWith("Contributor:");

        importer.contributorProperty().set("");
        importer.preview();
        assertThat(importer.previewProperty().get().detection().preview()).hasSize(2);
        importer.start();
        assertThat(importer.summaryProperty().get().imported()).isEqualTo(2);
        assertThat(model.rowsProperty().get().get(1).row().contributor()).isEqualTo("Ada");
        assertThat(errors).isEmpty();
    }

    @Test
    void aCancelledImportKeepsItsWholeBatchesAndSaysSo() throws Exception {
        long id = catalog.create("big", "").id();
        Path file = DemoData.supportChats(temp, 5_000);
        var options = dev.modelfactory.ledger.store.dataset.ImportOptions.builder().batchSize(1_000).build();
        long[] progress = new long[1];
        var summary = catalog.importFile(id, file, options, (b, t, r) -> progress[0] = b, () -> progress[0] > 0);

        assertThat(summary.completed()).isFalse();
        assertThat(summary.imported() % 1_000).isZero();
        assertThat(catalog.count(id, RowFilter.ALL)).isEqualTo(summary.imported()).isLessThan(5_000);
    }

    private static String text(DatasetsViewModel model, int index) {
        return model.rowsProperty().get().get(index).row().content().messages().stream()
                .map(m -> m.content()).reduce("", String::concat);
    }
}
