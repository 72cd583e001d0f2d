package dev.modelfactory.app.playground;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.models.WorkspaceModelCatalog;
import dev.modelfactory.engine.generate.DecodeSession;
import dev.modelfactory.engine.generate.GenerationRequest;
import dev.modelfactory.engine.generate.GenerationResult;
import dev.modelfactory.engine.generate.Generator;
import dev.modelfactory.engine.generate.CancellationToken;
import dev.modelfactory.engine.loader.LoadedModel;
import dev.modelfactory.engine.loader.ModelLoader;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.serve.AdapterLease;
import dev.modelfactory.engine.serve.AdapterPool;
import dev.modelfactory.engine.serve.lora.LoraBatchDelta;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.models.ImportMode;
import dev.modelfactory.studio.playground.PaneSettings;
import dev.modelfactory.studio.playground.PlaygroundChooser;
import dev.modelfactory.studio.playground.PlaygroundPage;
import dev.modelfactory.studio.playground.PlaygroundPane;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskContext;
import dev.modelfactory.studio.task.TaskRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
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
 * The playground in the real shell, headless, over a tiny random GGUF registered in a temporary workspace and
 * three PEFT adapters made here, served by the app's {@link ServedPlayground}.
 */
@ExtendWith(ApplicationExtension.class)
class PlaygroundPageTest {

    private static final long TIMEOUT = 60;
    private static final String PROMPT = "hello world";
    private static final String[] PANE_ADAPTERS = {null, "alpha", "beta", "gamma"};

    @TempDir
    Path temp;

    private final ErrorHandler errors = new ErrorHandler(false);
    private Workspace ws;
    private Path gguf;
    private final List<Path> adapters = new ArrayList<>();
    private GatedBackend backend;
    private PlaygroundPage page;
    private StudioShell shell;
    private Stage stage;
    private volatile Path answer;

    @BeforeEach
    void open(FxRobot robot) throws Exception {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(Level.OFF);
        gguf = PlaygroundFixtures.model(temp);
        adapters.add(PlaygroundFixtures.adapter(temp, "alpha", EnumSet.allOf(LoraTarget.class), 4, 1));
        adapters.add(PlaygroundFixtures.adapter(temp, "beta", EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.UP), 8, 2));
        adapters.add(PlaygroundFixtures.adapter(temp, "gamma", EnumSet.of(LoraTarget.DOWN, LoraTarget.O), 2, 3));
        ws = Workspace.open(temp.resolve("ws"));
        WorkspaceModelCatalog catalog = new WorkspaceModelCatalog(ws, List.of());
        catalog.importModel(gguf, ImportMode.REFERENCE, new TaskContext() {
            @Override
            public void updateProgress(double fraction) {
            }

            @Override
            public void updateMessage(String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        });
        backend = new GatedBackend(new WorkspacePlaygroundBackend(catalog, 128, 1 << 24));
        PlaygroundChooser chooser = new PlaygroundChooser() {
            @Override
            public Optional<Path> adapterFolder(Window owner) {
                return Optional.ofNullable(answer);
            }

            @Override
            public Optional<Path> exportFile(Window owner) {
                return Optional.ofNullable(answer);
            }
        };
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(ws.root().toString(), "4")
                .computeDevice("CPU").preferencesFile(temp.resolve("ui.properties"))
                .addPage(services -> page = new PlaygroundPage(services, backend, chooser)).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1240, 780));
            stage.show();
            shell.show("playground");
        });
        assertThat(fx(() -> page.visiblePanes().size())).isEqualTo(2);
        robot.clickOn("#playground-load");
        waitUntil(() -> page.engine() != null);
        for (Path folder : adapters) {
            answer = folder;
            robot.clickOn("#playground-add-adapter");
            int expected = adapters.indexOf(folder) + 1;
            waitUntil(() -> page.engine().adapters().size() == expected);
        }
        waitUntil(() -> robot.lookup(".adapter-row").queryAll().size() == 3);
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        backend.release();
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(null);
        robot.interact(() -> {
            if (page.engine() != null) {
                page.visiblePanes().forEach(PlaygroundPane::stop);
                page.engine().close();
            }
            shell.shutdown();
            stage.close();
        });
        ws.close();
    }

    @Test
    void fourPanesStreamFromOneBaseAtOnceAndEachMatchesItsAdapterAlone(FxRobot robot) throws Exception {
        PaneSettings settings = new PaneSettings(0.8, 0.9, 24, 7);
        fx(() -> {
            page.setPaneCount(4);
            List<PlaygroundPane> panes = page.visiblePanes();
            for (int i = 0; i < panes.size(); i++) {
                panes.get(i).choose(PANE_ADAPTERS[i]);
                panes.get(i).setSettings(settings);
            }
            robot.lookup("#playground-prompt").queryAs(javafx.scene.control.TextArea.class).setText(PROMPT);
            robot.lookup("#playground-contributor").queryAs(javafx.scene.control.TextField.class).setText("tester");
            return null;
        });
        // The first pane's first token holds the scheduler until all four requests are submitted.
        backend.arm();
        robot.clickOn("#playground-send");
        backend.awaitReached();
        assertThat(fx(() -> page.visiblePanes().stream().allMatch(PlaygroundPane::isStreaming))).isTrue();
        backend.release();
        waitUntil(() -> page.visiblePanes().stream().noneMatch(PlaygroundPane::isStreaming));

        List<Reference> expected = references(i -> null, PANE_ADAPTERS);
        List<PlaygroundPane> panes = fx(page::visiblePanes);
        long generated = 0;
        for (int i = 0; i < 4; i++) {
            PlaygroundPane pane = panes.get(i);
            assertThat(fx(pane::lastResult).tokens()).as("pane %d tokens", i).containsExactly(expected.get(i).tokens);
            assertThat(fx(pane::replyText)).as("pane %d text", i).isEqualTo(expected.get(i).text);
            assertThat(fx(pane::stats)).contains(expected.get(i).tokens.length + " tokens").contains("tok/s");
            generated += expected.get(i).tokens.length;
        }
        // The adapters matter (base and each adapter differ), so a pane on the wrong adapter would fail above.
        assertThat(expected.stream().map(r -> List.of(r.text, r.tokens.length)).distinct()).hasSize(4);
        // One engine served them together: fewer batched steps than tokens generated.
        var stats = backend.served.serveStats();
        // (ServeStats.tokens counts tokens fed back, so the last token of each request is not in it.)
        assertThat(stats.tokens()).isEqualTo(generated - 4);
        assertThat(stats.steps()).isLessThan(generated);

        snapshot(robot);

        Path out = temp.resolve("conversations.jsonl");
        answer = out;
        robot.clickOn("#playground-export");
        waitUntil(() -> Files.exists(out));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 4; i++) {
            JsonNode line = json.readTree(lines.get(i));
            assertThat(line.get("contributor").asText()).isEqualTo("tester");
            assertThat(line.get("model").asText()).isEqualTo("Tiny");
            assertThat(line.get("adapter").isNull() ? null : line.get("adapter").asText()).isEqualTo(PANE_ADAPTERS[i]);
            assertThat(line.get("messages")).hasSize(2);
            assertThat(line.get("messages").get(0).get("role").asText()).isEqualTo("user");
            assertThat(line.get("messages").get(0).get("content").asText()).isEqualTo(PROMPT);
            assertThat(line.get("messages").get(1).get("role").asText()).isEqualTo("assistant");
            assertThat(line.get("messages").get(1).get("content").asText()).isEqualTo(expected.get(i).text);
        }

        // Regenerate at the same seed gives the same answer again.
        robot.clickOn(robot.lookup("#pane-2 .pane-regenerate").queryButton());
        waitUntil(() -> !panes.get(2).isStreaming() && panes.get(2).lastResult() != null);
        assertThat(fx(panes.get(2)::replyText)).isEqualTo(expected.get(2).text);
        assertThat(fx(() -> panes.get(2).conversation().size())).isEqualTo(2);
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void switchingAnAdapterMidStreamTakesEffectOnTheNextToken(FxRobot robot) throws Exception {
        PaneSettings greedy = new PaneSettings(0, 1, 30, 1);
        fx(() -> {
            page.setPaneCount(1);
            page.visiblePanes().getFirst().setSettings(greedy);
            robot.lookup("#playground-prompt").queryAs(javafx.scene.control.TextArea.class).setText(PROMPT);
            return null;
        });
        backend.arm();
        robot.clickOn("#playground-send");
        backend.awaitReached(); // the first token is chosen (from the base prefill); the scheduler waits
        fx(() -> {
            page.visiblePanes().getFirst().choose("beta");
            return null;
        });
        backend.release();
        PlaygroundPane pane = fx(() -> page.visiblePanes().getFirst());
        waitUntil(() -> !pane.isStreaming());

        // Prefill on the base; every token fed from the first one on with beta.
        Reference switched = references(k -> k == 0 ? null : "beta", new String[] {null}).getFirst();
        Reference base = references(k -> null, new String[] {null}).getFirst();
        assertThat(switched.text).isNotEqualTo(base.text);
        assertThat(fx(pane::lastResult).tokens()).containsExactly(switched.tokens);
        assertThat(fx(pane::replyText)).isEqualTo(switched.text);
        assertThat(fx(pane::stats)).containsPattern("swap \\d+\\.\\d{3} ms");
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void pinAndEvictAreReflectedInTheListAndTheMeter(FxRobot robot) throws Exception {
        assertThat(fx(() -> state(robot, "alpha"))).isEqualTo("On disk");
        assertThat(fx(() -> label(robot, "#memory-adapters"))).startsWith("Adapters 0 B of 16.0 MiB");
        assertThat(fx(() -> label(robot, "#memory-base"))).isEqualTo(
                "Base weights " + dev.modelfactory.studio.playground.MemoryMeter.bytes(Files.size(gguf)));

        robot.clickOn(robot.lookup("#adapter-alpha .adapter-pin").queryButton());
        waitUntil(() -> "Pinned".equals(state(robot, "alpha")));
        long alphaBytes = backend.served.adapters().getFirst().bytes();
        assertThat(backend.served.adapters().getFirst().resident()).isTrue();
        assertThat(fx(() -> robot.lookup("#adapter-alpha .adapter-evict").queryButton().isDisabled())).isTrue();
        assertThat(fx(() -> label(robot, "#memory-adapters")))
                .startsWith("Adapters " + dev.modelfactory.studio.playground.MemoryMeter.bytes(alphaBytes) + " of");

        robot.clickOn(robot.lookup("#adapter-alpha .adapter-pin").queryButton());
        waitUntil(() -> "Resident".equals(state(robot, "alpha")));
        robot.clickOn(robot.lookup("#adapter-alpha .adapter-evict").queryButton());
        waitUntil(() -> "On disk".equals(state(robot, "alpha")));
        assertThat(backend.served.adapters().getFirst().resident()).isFalse();
        assertThat(fx(() -> label(robot, "#memory-adapters"))).startsWith("Adapters 0 B of");
        assertThat(errors.reports()).isEmpty();
    }

    private record Reference(int[] tokens, String text) {
    }

    /** Each request generated alone through the plain Generator on a fresh load of the same file. */
    private List<Reference> references(IntFunction<String> adapterOfAppend, String[] paneAdapters) throws Exception {
        List<Reference> out = new ArrayList<>();
        List<PaneSettings> settings = fx(() -> page.visiblePanes().stream().map(PlaygroundPane::settings).toList());
        try (LoadedModel ref = ModelLoader.load(gguf, Backends.best(), 128);
             AdapterPool pool = new AdapterPool(ref.model().config(), 1 << 24)) {
            for (Path folder : adapters) {
                pool.register(folder.getFileName().toString(), folder);
            }
            var tok = ref.tokenizer();
            for (int i = 0; i < paneAdapters.length; i++) {
                String fixed = paneAdapters[i];
                IntFunction<String> pick = paneAdapters.length == 1 ? adapterOfAppend : k -> fixed;
                PaneSettings s = settings.get(i);
                GenerationRequest.Builder g = GenerationRequest.builder(tok.encode(PROMPT, tok.addBosByDefault()))
                        .maxTokens(s.maxTokens()).sampling(ServedPlayground.sampling(s));
                if (tok.eosId() >= 0) {
                    g.stopToken(tok.eosId());
                }
                StringBuilder streamed = new StringBuilder();
                GenerationResult r = alone(ref, pool, g.build(), pick, streamed);
                out.add(new Reference(r.tokens(), streamed.toString()));
            }
        }
        return out;
    }

    private static GenerationResult alone(LoadedModel ref, AdapterPool pool, GenerationRequest g,
                                          IntFunction<String> adapterOfAppend, StringBuilder streamed) {
        try (LlamaSession s = ref.model().newSession(128)) {
            DecodeSession d = new DecodeSession() {
                int appends;

                @Override
                public float[] append(int[] tokens) {
                    String id = adapterOfAppend.apply(appends++);
                    if (id == null) {
                        return s.append(null, tokens);
                    }
                    try (AdapterLease l = pool.acquire(id)) {
                        return s.append(LoraBatchDelta.uniform(ref.model().backend(), l.weights()), tokens);
                    }
                }

                @Override
                public int position() {
                    return s.position();
                }

                @Override
                public int capacity() {
                    return s.capacity();
                }
            };
            return new Generator(ref.tokenizer()::decode).generate(d, g, (token, text) -> streamed.append(text),
                    CancellationToken.never());
        }
    }

    /** docs/images/playground.png when run from the build (the module folder is the working directory)
     * with {@code MODELFACTORY_SNAPSHOTS=1} set: an ordinary test run leaves the committed image alone. */
    private void snapshot(FxRobot robot) throws Exception {
        Path docs = Path.of("..", "docs", "images");
        if (System.getenv("MODELFACTORY_SNAPSHOTS") == null || !Files.isDirectory(docs)) {
            return;
        }
        BufferedImage image = fx(() -> SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null));
        ImageIO.write(image, "png", docs.resolve("playground.png").toFile());
    }

    private static String state(FxRobot robot, String id) throws Exception {
        return fx(() -> robot.lookup("#adapter-" + id + " .adapter-state").queryAs(Label.class).getText());
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(TIMEOUT, TimeUnit.SECONDS);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> fx(condition));
    }
}
