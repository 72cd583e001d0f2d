package dev.modelfactory.studio.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.task.CurrentThreadTaskExecutor;
import dev.modelfactory.studio.task.TaskState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The view model without a stage: tasks run inline on the test thread. */
class ModelsViewModelTest {

    private final FakeModelCatalog catalog = FakeModelCatalog.populated();
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private final List<String> errors = new ArrayList<>();
    private final ModelsViewModel model = new ModelsViewModel(catalog, executor,
            (source, error) -> errors.add(source + ": " + error.getMessage()));

    @Test
    void aScanListsDiscoveredAndImportedModelsSortedByName() {
        assertThat(model.loadedProperty().get()).isFalse();

        model.rescan();

        assertThat(model.loadedProperty().get()).isTrue();
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(names(model.visibleModels())).containsExactly("half-downloaded", "llama3.2:3b",
                "mistral-7b-instruct-v0.3.Q8_0", "qwen2.5:0.5b-instruct", "SmolLM2-135M", "stories260K",
                "TinyLlama/TinyLlama-1.1B-Chat-v1.0");
        assertThat(model.importedCount().get()).isEqualTo(1);
        assertThat(model.folders()).hasSize(4);
        assertThat(model.countIn(model.folders().get(0))).as("Ollama").isEqualTo(2);
        assertThat(executor.registry().tasks()).singleElement()
                .satisfies(t -> assertThat(t.getTitle()).isEqualTo("Scan for models"))
                .satisfies(t -> assertThat(t.getState()).isEqualTo(TaskState.SUCCEEDED));
    }

    @Test
    void theFilterMatchesEveryWordAgainstNameArchitectureQuantisationAndPath() {
        model.rescan();

        model.filterProperty().set("q4_k_m");
        assertThat(names(model.visibleModels())).containsExactly("llama3.2:3b", "qwen2.5:0.5b-instruct");
        model.filterProperty().set("ollama  3b");
        assertThat(names(model.visibleModels())).containsExactly("llama3.2:3b");
        model.filterProperty().set("/home/ada/models/");
        assertThat(names(model.visibleModels())).containsExactly("half-downloaded",
                "mistral-7b-instruct-v0.3.Q8_0", "stories260K");
        model.filterProperty().set("no such model");
        assertThat(model.visibleModels()).isEmpty();
        model.filterProperty().set("  ");
        assertThat(model.visibleModels()).hasSize(7);
    }

    @Test
    void aColumnOrderSortsByValueWithNameBreakingTies() {
        model.rescan();

        model.sortOrderProperty().set(Comparator.comparingLong(LocalModel::parameterCount).reversed());
        assertThat(names(model.visibleModels()).subList(0, 3))
                .containsExactly("mistral-7b-instruct-v0.3.Q8_0", "llama3.2:3b", "TinyLlama/TinyLlama-1.1B-Chat-v1.0");
        model.sortOrderProperty().set(Comparator.comparing(LocalModel::imported).reversed());
        assertThat(names(model.visibleModels()).subList(0, 2)).containsExactly("SmolLM2-135M", "half-downloaded");
        model.sortOrderProperty().set(null);
        assertThat(names(model.visibleModels()).getFirst()).isEqualTo("half-downloaded");
    }

    @Test
    void importingByReferenceTurnsTheRowIntoTheRegisteredModel() {
        model.rescan();
        LocalModel stories = byName("stories260K");

        model.importModel(stories, ImportMode.REFERENCE);

        assertThat(catalog.importCalls).containsExactly(
                new FakeModelCatalog.ImportCall(stories.location(), ImportMode.REFERENCE));
        LocalModel now = byName("stories260K");
        assertThat(now.imported()).isTrue();
        assertThat(now.location()).isEqualTo(stories.location());
        assertThat(model.models()).hasSize(7);
        assertThat(model.selectedProperty().get()).isEqualTo(now);
        assertThat(model.importedCount().get()).isEqualTo(2);
    }

    @Test
    void importingACopyMarksTheOriginalAndListsTheWorkspaceCopy() {
        model.rescan();
        LocalModel mistral = byName("mistral-7b-instruct-v0.3.Q8_0");

        model.importModel(mistral, ImportMode.COPY);

        List<LocalModel> both = model.models().stream().filter(m -> m.name().equals(mistral.name())).toList();
        assertThat(both).extracting(LocalModel::source).containsExactly(ModelSource.USER, ModelSource.WORKSPACE);
        assertThat(both).allSatisfy(m -> assertThat(m.id()).isEqualTo(both.getFirst().id()).isNotNull());
        assertThat(model.selectedProperty().get().location()).isEqualTo(mistral.location());
    }

    @Test
    void failuresGoToTheErrorHandlerNamingTheFileAndLeaveTheListAlone() {
        model.rescan();
        catalog.importFailure = new IOException("/home/ada/models/stories260K.gguf: permission denied");

        model.importModel(byName("stories260K"), ImportMode.COPY);
        catalog.scanFailure = new IOException("/home/ada/.ollama/models/manifests: not a directory");
        model.rescan();

        assertThat(errors).containsExactly(
                "Import /home/ada/models/stories260K.gguf: /home/ada/models/stories260K.gguf: permission denied",
                "Scan for models: /home/ada/.ollama/models/manifests: not a directory");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.models()).hasSize(7);
        assertThat(byName("stories260K").imported()).isFalse();
    }

    @Test
    void addingAndRemovingAUserFolderUpdatesFoldersAndModels() {
        model.rescan();
        Path extra = Path.of("/data/llm");
        catalog.discovered.add(FakeModelCatalog.model("phi-3-mini", extra.resolve("phi-3-mini.gguf"),
                ModelSource.USER, ModelFormat.GGUF, "phi3", 3_821_079_552L, "Q4_K_M", 4_096, 2_393_232_672L, null));

        model.addFolder(extra);

        assertThat(model.folders()).extracting(ModelFolder::path).contains(extra);
        assertThat(names(model.models())).contains("phi-3-mini");

        ModelFolder added = model.folders().stream().filter(f -> f.path().equals(extra)).findFirst().orElseThrow();
        model.removeFolder(added);

        assertThat(model.folders()).extracting(ModelFolder::path).doesNotContain(extra);
        assertThat(names(model.models())).doesNotContain("phi-3-mini");
        assertThat(model.models()).hasSize(7);
    }

    @Test
    void aDiscoveredFileRegisteredInPlaceIsListedOnceAsImported() {
        LocalModel qwen = catalog.discovered.get(1);
        catalog.imported.add(FakeModelCatalog.withId(qwen, "sha256:abc"));

        model.rescan();

        assertThat(model.models().stream().filter(m -> m.location().equals(qwen.location())))
                .singleElement().satisfies(m -> assertThat(m.id()).isEqualTo("sha256:abc"));
    }

    @Test
    void loadFoldersListsTheFoldersBeforeAnyScan() {
        assertThat(model.foldersKnownProperty().get()).isFalse();

        model.loadFolders();

        assertThat(model.foldersKnownProperty().get()).isTrue();
        assertThat(model.loadedProperty().get()).isFalse();
        assertThat(model.folders()).extracting(ModelFolder::kind).containsExactly(ModelSource.OLLAMA,
                ModelSource.HUGGING_FACE_CACHE, ModelSource.LM_STUDIO, ModelSource.USER);
        assertThat(model.folders()).extracting(ModelFolder::exists).containsExactly(true, true, false, true);
        assertThat(model.models()).isEmpty();
        assertThat(catalog.scanThreads).isEmpty();
    }

    @Test
    void listenersOnTheReadOnlyListsSurviveGarbageCollection() {
        List<Integer> changes = new ArrayList<>();
        model.folders().addListener((javafx.collections.ListChangeListener<ModelFolder>) c -> changes.add(1));
        model.models().addListener((javafx.collections.ListChangeListener<LocalModel>) c -> changes.add(2));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        model.rescan();

        assertThat(changes).contains(1, 2);
    }

    private LocalModel byName(String name) {
        return model.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(List<LocalModel> models) {
        return models.stream().map(LocalModel::name).toList();
    }
}
