package dev.modelfactory.app.playground;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.attribution.RetrievalService;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.retrieval.RetrievalHit;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.playground.ChatMessage;
import dev.modelfactory.studio.playground.GroundedAnswer;
import dev.modelfactory.studio.playground.GroundedPrompt;
import dev.modelfactory.studio.playground.GroundingSource;
import dev.modelfactory.studio.playground.PlaygroundChooser;
import dev.modelfactory.studio.playground.PlaygroundPage;
import dev.modelfactory.studio.playground.PlaygroundPane;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The playground's "Ground in dataset" switch in the real shell, headless: a real dataset version indexed by the
 * app's {@link RetrievalService}, answers from a {@link ScriptedEngine} that cites [1] and [2] (and a [7] that is
 * no source), so what the model was given and what the page shows can both be checked.
 */
@ExtendWith(ApplicationExtension.class)
class GroundedPlaygroundTest {

    private static final long TIMEOUT = 60;
    private static final String QUESTION = "Where does the okapi live?";
    private static final String ANSWER = "The okapi lives in the Ituri rainforest [1], mostly alone [2][7].";

    @TempDir
    Path temp;

    private final ErrorHandler errors = new ErrorHandler(false);
    private final ScriptedEngine engine = new ScriptedEngine(ANSWER);
    private Workspace ws;
    private RetrievalService retrieval;
    private DatasetVersion version;
    private PlaygroundPage page;
    private StudioShell shell;
    private Stage stage;

    @BeforeEach
    void open(FxRobot robot) throws Exception {
        ws = Workspace.open(temp.resolve("ws"));
        DatasetStore store = new DatasetStore(ws);
        long ds = store.create("wildlife", "").id();
        importRows(store, ds, "alice", Set.of(Use.TRAIN, Use.EVAL),
                "Where does the okapi live?", "The okapi lives in the Ituri rainforest of Congo.",
                "Do okapis live in groups?", "No, okapis live alone.",
                "What are zebras?", "Zebras are striped horses.");
        importRows(store, ds, "bob", Set.of(Use.TRAIN), "What do okapis eat?", "Okapis eat leaves, buds and fungi.");
        importRows(store, ds, "carol", Set.of(Use.EVAL), "Where does the okapi live?", "Okapi habitat notes by carol.");
        version = store.freeze(ds, FreezeOptions.DEFAULT);
        retrieval = new RetrievalService(ws);
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(ws.root().toString(), "4")
                .computeDevice("CPU").preferencesFile(temp.resolve("ui.properties"))
                .addPage(services -> page = new PlaygroundPage(services, engine, noFiles(),
                        new RetrievalGrounding(retrieval))).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1240, 780));
            stage.show();
            shell.show("playground");
        });
        robot.clickOn("#playground-load");
        waitUntil(() -> page.engine() != null);
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(() -> {
            shell.shutdown();
            stage.close();
        });
        retrieval.close();
        ws.close();
    }

    @Test
    void switchOnAskAndTheAnswerListsItsNumberedSourcesWithContributorsAndLinksItsMarkers(FxRobot robot) throws Exception {
        assertThat(retrieval.isIndexed(version.root())).isFalse();
        waitUntil(() -> !robot.lookup("#playground-ground-version").queryComboBox().getItems().isEmpty());
        robot.clickOn("#playground-ground");
        waitUntil(() -> "Index ready".equals(page.grounding().status()));
        assertThat(Files.isRegularFile(ws.root().resolve("indexes/retrieval/" + version.root() + "/retrieval.properties"))).isTrue();

        fx(() -> {
            robot.lookup("#playground-prompt").queryAs(TextArea.class).setText(QUESTION);
            return null;
        });
        robot.clickOn("#playground-send");
        List<PlaygroundPane> panes = fx(page::visiblePanes);
        waitUntil(() -> panes.stream().allMatch(p -> p.groundedAnswer() != null));

        // The sources are the retrieval service's top rows for the question, in rank order; carol's row (no TRAIN) is absent.
        List<RetrievalHit> hits = retrieval.retrieve(version.root(), QUESTION, 4);
        GroundedAnswer g = fx(() -> panes.getFirst().groundedAnswer());
        assertThat(g.versionRoot()).isEqualTo(version.root());
        assertThat(g.sources()).extracting(GroundingSource::rowHash).containsExactlyElementsOf(hits.stream().map(RetrievalHit::rowHash).toList());
        assertThat(g.sources()).hasSize(3).extracting(GroundingSource::contributor).doesNotContain("carol").contains("alice", "bob");
        assertThat(g.sources().getFirst().text()).isEqualTo("Where does the okapi live?\nThe okapi lives in the Ituri rainforest of Congo.");
        assertThat(g.answer()).isEqualTo(ANSWER);
        assertThat(g.cited()).containsExactly(1, 2);
        assertThat(g.creditedContributors()).containsExactlyElementsOf(
                g.sources().subList(0, 2).stream().map(GroundingSource::contributor).distinct().toList());

        // The model saw the question with its numbered sources; the conversation keeps the plain question.
        assertThat(engine.requests).hasSize(2);
        for (List<ChatMessage> request : engine.requests) {
            assertThat(request).hasSize(1);
            assertThat(request.getFirst().content()).isEqualTo(GroundedPrompt.build(QUESTION, g.sources()));
        }
        assertThat(fx(() -> panes.getFirst().conversation())).extracting(ChatMessage::content).containsExactly(QUESTION, ANSWER);

        // Citations under the answer: one row per source, with contributor, score and whether it was cited.
        List<String> metas = fx(() -> robot.lookup("#pane-0 .citation-meta").queryAllAs(Label.class).stream().map(Label::getText).toList());
        assertThat(metas).hasSize(3);
        for (int i = 0; i < 3; i++) {
            GroundingSource s = g.sources().get(i);
            assertThat(metas.get(i)).startsWith(s.contributor() + " · score ").endsWith(i < 2 ? " · cited" : " · not cited");
        }
        assertThat(fx(() -> robot.lookup("#pane-0 .citation-row.cited").queryAll().size())).isEqualTo(2);
        // [1] and [2] are links, [7] is plain text; clicking [2] highlights source 2 only.
        List<Hyperlink> markers = fx(() -> List.copyOf(robot.lookup("#pane-0 .citation-marker").queryAllAs(Hyperlink.class)));
        assertThat(markers).extracting(Hyperlink::getText).containsExactly("[1]", "[2]");
        robot.clickOn(markers.get(1));
        waitUntil(() -> robot.lookup("#pane-0 .citation-row.focused").queryAll().size() == 1);
        Node focused = fx(() -> robot.lookup("#pane-0 .citation-row.focused").query());
        assertThat(fx(() -> robot.from(focused).lookup(".citation-number").queryAs(Label.class).getText())).isEqualTo("[2]");
        assertThat(page.grounding().status()).isEqualTo("Retrieved 3 sources");

        snapshot();

        // Switched off, the next answer is plain: no sources in the prompt, no citations shown.
        robot.clickOn("#playground-ground");
        robot.clickOn("#playground-send");
        waitUntil(() -> engine.requests.size() == 4 && panes.stream().noneMatch(PlaygroundPane::isStreaming));
        assertThat(engine.requests.getLast().getLast().content()).isEqualTo(QUESTION);
        assertThat(fx(() -> panes.getFirst().groundedAnswer())).isNull();
        assertThat(fx(() -> robot.lookup("#pane-0 .citation-row").queryAll().size())).isZero();
        assertThat(errors.reports()).isEmpty();
    }

    private static void importRows(DatasetStore store, long ds, String contributor, Set<Use> uses, String... turns)
            throws Exception {
        Path file = Files.createTempFile("rows", ".jsonl");
        try {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < turns.length; i += 2) {
                sb.append("{\"instruction\":\"").append(turns[i]).append("\",\"output\":\"").append(turns[i + 1]).append("\"}\n");
            }
            Files.writeString(file, sb);
            store.importFile(ds, file, ImportOptions.builder().contributor(contributor).allowedUses(uses).build(),
                    ProgressListener.NONE, CancellationToken.NONE);
        } finally {
            Files.delete(file);
        }
    }

    private static PlaygroundChooser noFiles() {
        return new PlaygroundChooser() {
            @Override
            public Optional<Path> adapterFolder(javafx.stage.Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> exportFile(javafx.stage.Window owner) {
                return Optional.empty();
            }
        };
    }

    /** docs/images/playground-grounded.png when run from the build (the module folder is the working directory)
     * with {@code MODELFACTORY_SNAPSHOTS=1} set: an ordinary test run leaves the committed image alone. */
    private void snapshot() throws Exception {
        Path docs = Path.of("..", "docs", "images");
        if (System.getenv("MODELFACTORY_SNAPSHOTS") == null || !Files.isDirectory(docs)) {
            return;
        }
        BufferedImage image = fx(() -> SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null));
        ImageIO.write(image, "png", docs.resolve("playground-grounded.png").toFile());
    }

    private static <T> T fx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(TIMEOUT, TimeUnit.SECONDS);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> fx(condition));
    }
}
