package dev.modelfactory.app.firstrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.app.starter.StarterKit;
import dev.modelfactory.app.starter.StarterKitFixture;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.loader.ModelStore;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.welcome.DetectedModel;
import dev.modelfactory.studio.welcome.WelcomeChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The welcome's back end on real workspaces: open, install the kit, remember, refuse a locked folder. */
class FirstRunWelcomeTest {

    @TempDir
    Path dir;

    private FirstRunWelcome welcome(Path kit, List<ModelStore> stores) {
        return new FirstRunWelcome(dir.resolve("default"), dir.resolve("default"), Optional.ofNullable(kit),
                new RememberedWorkspace(dir.resolve("config/workspace.path")), stores);
    }

    @Test
    void openingAnotherFolderInstallsTheKitThereAndRemembersIt() throws Exception {
        Path kit = StarterKitFixture.tinyKit(dir);
        Path chosen = dir.resolve("elsewhere/ws");
        List<String> progress = new ArrayList<>();
        try (FirstRunWelcome w = welcome(kit, List.of())) {
            assertThat(w.welcome().starterKitAvailable()).isTrue();
            assertThat(w.welcome().starterKit()).endsWith("and 1 demo datasets");
            StudioContext context = w.open(new WelcomeChoice(chosen, true), progress::add);
            assertThat(context.workspaceFolder()).isEqualTo(chosen.toString());
            Workspace ws = w.opened().orElseThrow();
            assertThat(new StarterKit(ws, kit).isInstalled()).isTrue();
            assertThat(new DatasetStore(ws).findByName("alpha")).isPresent();
        }
        assertThat(progress).hasSize(2).last().asString().startsWith("Installing the starter kit");
        assertThat(new RememberedWorkspace(dir.resolve("config/workspace.path")).read()).contains(chosen);
        try (Workspace reopened = Workspace.open(chosen)) {
            assertThat(reopened.models().list()).extracting(m -> m.name()).containsExactly(StarterKit.MODEL_NAME);
        }
    }

    @Test
    void theDefaultFolderIsNotRememberedAndTheKitIsLeftOutWhenNotChosen() throws Exception {
        try (FirstRunWelcome w = welcome(StarterKitFixture.tinyKit(dir), List.of())) {
            w.open(new WelcomeChoice(dir.resolve("default"), false), line -> { });
            assertThat(w.opened().orElseThrow().models().list()).isEmpty();
        }
        assertThat(Files.exists(dir.resolve("config/workspace.path"))).isFalse();
    }

    @Test
    void aFolderInUseByAnotherStudioIsRefusedAndNothingIsRemembered() throws Exception {
        Path busy = dir.resolve("busy");
        try (Workspace holder = Workspace.open(busy); FirstRunWelcome w = welcome(null, List.of())) {
            assertThat(w.welcome().starterKitAvailable()).isFalse();
            assertThatThrownBy(() -> w.open(new WelcomeChoice(busy, false), line -> { }))
                    .hasMessageContaining(busy.toString());
            assertThat(w.opened()).isEmpty();
        }
        assertThat(Files.exists(dir.resolve("config/workspace.path"))).isFalse();
    }

    @Test
    void modelsInTheStoresAreDetectedWithTheirSource() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("models"));
        Files.copy(TrainingTestData.tinyModel(dir), folder.resolve("tiny.gguf"));
        try (FirstRunWelcome w = welcome(null, List.of(new ModelStore(ModelStore.Kind.USER, folder),
                new ModelStore(ModelStore.Kind.OLLAMA, dir.resolve("no-ollama-here"))))) {
            List<DetectedModel> found = w.detect();
            assertThat(found).singleElement().satisfies(m -> {
                assertThat(m.source()).isEqualTo("your folder");
                assertThat(m.location()).isEqualTo(folder.resolve("tiny.gguf"));
            });
        }
    }
}
