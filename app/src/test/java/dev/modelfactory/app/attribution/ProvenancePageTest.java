package dev.modelfactory.app.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.modelfactory.app.wallet.WorkspaceWalletAccess;
import dev.modelfactory.ledger.attribution.AttributionRecords;
import dev.modelfactory.ledger.attribution.OutputAttribution;
import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.attribution.Verification;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.log.StoredEntry;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.ScryptParams;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.studio.OpenPageEvent;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.pages.HomePage;
import dev.modelfactory.studio.provenance.AdapterChoice;
import dev.modelfactory.studio.provenance.AttributionMethod;
import dev.modelfactory.studio.provenance.ContributorShare;
import dev.modelfactory.studio.provenance.OutputChoice;
import dev.modelfactory.studio.provenance.OutputSpan;
import dev.modelfactory.studio.provenance.ProvenancePage;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.wallet.SigningDialog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
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

/** The Attribution page in the real shell, headless, with the real wallet, signing dialog and ledger. */
@ExtendWith(ApplicationExtension.class)
class ProvenancePageTest {

    private static final long TIMEOUT = 60;
    private static final String PASSWORD = "correct horse";
    private static final String OUTPUT = "Whisk the eggs, then fold the flour.";

    @TempDir
    Path temp;

    private final ErrorHandler errors = new ErrorHandler(false);
    private Workspace ws;
    private WalletService service;
    private LedgerLog log;
    private ProvenanceTestBackend backend;
    private StudioShell shell;
    private Stage stage;
    private Account curator;

    @BeforeEach
    void open(FxRobot robot) throws Exception {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(Level.OFF);
        ws = Workspace.open(temp.resolve("ws"));
        service = WalletService.builder(new WalletStore(ws)).kdf(ScryptParams.lightForTestsOnly()).build();
        curator = service.importPrivateKey(HexFormat.of().parseHex(
                "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d"), "curator", PASSWORD.toCharArray());
        log = new LedgerLog(new LogStore(ws), Clock.systemUTC());
        backend = new ProvenanceTestBackend(log, List.of(new ContributorShare("alice", 6250),
                new ContributorShare("bob", 3750)));
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(ws.root().toString(), "11")
                .computeDevice("CPU").preferencesFile(temp.resolve("ui.properties"))
                .addPage(ProvenancePage.factory(backend, WorkspaceWalletAccess.of(service, ws))).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1240, 780));
            stage.show();
        });
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
    void pastedOutputRunsCancelsThenShowsTheEvidenceAndSignsARecordThatVerifies(FxRobot robot) throws Exception {
        robot.interact(() -> shell.show(ProvenancePage.ID));
        waitUntil(() -> fx(() -> adapterBox(robot).getValue() != null));
        assertThat(fx(() -> shell.currentPage().title())).isEqualTo("Attribution");
        setText(robot, "#" + ProvenancePage.PROMPT_ID, "How do I start a cake?");
        setText(robot, "#" + ProvenancePage.OUTPUT_ID, OUTPUT);
        assertThat(fx(() -> methodBox(robot).getValue())).as("the backend's default").isEqualTo(AttributionMethod.DATAINF);
        robot.interact(() -> methodBox(robot).setValue(AttributionMethod.TRACIN));

        backend.hold();
        robot.interact(() -> button(robot, ProvenancePage.RUN_ID).fire());
        assertThat(backend.startedWithin(TIMEOUT)).isTrue();
        waitUntil(() -> fx(() -> robot.lookup("#" + ProvenancePage.PROGRESS_ID).queryAs(ProgressBar.class)
                .getProgress() == 0.25));
        assertThat(fx(() -> button(robot, ProvenancePage.RUN_ID).isDisabled())).isTrue();
        robot.interact(() -> button(robot, ProvenancePage.CANCEL_ID).fire());
        waitUntil(() -> fx(() -> label(robot, ProvenancePage.STATUS_ID)).startsWith("Cancelled"));
        assertThat(fx(() -> bars(robot))).isEmpty();
        assertThat(fx(() -> button(robot, ProvenancePage.SIGN_ID).isDisabled())).as("nothing to sign yet").isTrue();

        backend.release();
        robot.interact(() -> button(robot, ProvenancePage.RUN_ID).fire());
        waitUntil(() -> fx(() -> label(robot, ProvenancePage.STATUS_ID)).startsWith("Attributed with TracIn"));
        assertThat(backend.jobs).isEqualTo(2);
        assertThat(fx(() -> bars(robot))).containsExactly("alice 62.50 %", "bob 37.50 %");

        // Span highlights: the words the rows hold, each its own highlighted run of the output text.
        List<String> spans = fx(() -> robot.lookup(".provenance-span").queryAllAs(Text.class).stream()
                .map(Text::getText).toList());
        assertThat(spans).containsExactly("Whisk", "eggs", "flour");
        String flow = fx(() -> robot.lookup("#" + ProvenancePage.SPANS_ID).queryAs(VBox.class).getChildren().getFirst()
                .lookupAll(".text").stream().map(n -> ((Text) n).getText()).reduce("", String::concat));
        assertThat(flow).isEqualTo(OUTPUT);
        Text flour = fx(() -> robot.lookup(".provenance-span").queryAllAs(Text.class).stream()
                .filter(t -> t.getText().equals("flour")).findFirst().orElseThrow());
        OutputSpan flourSpan = (OutputSpan) flour.getUserData();
        assertThat(OUTPUT.substring(flourSpan.start(), flourSpan.end())).isEqualTo("flour");
        // below the fold of the 780-high window: clicked as a click would, without scrolling the page
        robot.interact(() -> flour.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, 0, 0, 0, 0, MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, true, false, false, null)));
        waitUntil(() -> fx(() -> label(robot, "provenance-span-details")).contains("row 2 \u00b7 bob"));
        assertThat(fx(() -> label(robot, "provenance-span-details"))).startsWith("\u201cflour\u201d").contains("occurs 1 time");

        assertThat(fx(() -> children(robot, ProvenancePage.ROWS_ID))).isEqualTo(2);
        assertThat(fx(() -> children(robot, ProvenancePage.CITATIONS_ID))).isEqualTo(2);
        assertThat(fx(() -> label(robot, ProvenancePage.NOTES_ID))).contains("Spans: found by word");

        // Sign: cancelling stores nothing; signing stores a record that verifies offline.
        robot.interact(() -> button(robot, ProvenancePage.SIGN_ID).fire());
        waitUntil(() -> fx(() -> robot.lookup("#" + SigningDialog.DIALOG_ID).tryQuery().isPresent()));
        robot.clickOn("#" + SigningDialog.CANCEL_ID);
        waitUntil(() -> fx(() -> label(robot, ProvenancePage.SIGNED_ID)).contains("nothing was signed"));
        assertThat(log.size()).isZero();

        robot.interact(() -> button(robot, ProvenancePage.SIGN_ID).fire());
        waitUntil(() -> fx(() -> visibleDialog(robot).isPresent()));
        assertThat(fx(() -> dialogText(visibleDialog(robot).orElseThrow()))).contains("Sign a OutputAttribution record")
                .contains("alice").contains("6250").contains(curator.address());
        robot.interact(() -> ((TextInputControl) visibleDialog(robot).orElseThrow().lookup("#" + SigningDialog.PASSWORD_ID))
                .setText(PASSWORD));
        robot.interact(() -> ((Button) visibleDialog(robot).orElseThrow().lookup("#" + SigningDialog.SIGN_ID)).fire());
        waitUntil(() -> fx(() -> label(robot, ProvenancePage.SIGNED_ID)).startsWith("Signed and stored"));
        assertThat(fx(() -> label(robot, ProvenancePage.SIGNED_ID))).contains("Offline verification: valid");

        assertThat(log.size()).isEqualTo(1);
        StoredEntry entry = log.entry(1).orElseThrow();
        SignedRecord stored = new SignedRecord(TypedData.parse(entry.typedData()), Signature.parse(entry.signature()),
                entry.signer());
        assertThat(stored.verify(a -> a.equalsIgnoreCase(curator.address())).status()).isEqualTo(Verification.Status.VALID);
        assertThat(log.verify(ProgressListener.NONE, CancellationToken.NONE).ok()).isTrue();
        OutputAttribution record = (OutputAttribution) AttributionRecords.fromTypedData(stored.data()).orElseThrow();
        // sha256("Whisk the eggs, then fold the flour.") computed independently with sha256sum.
        assertThat(record.outputHash()).isEqualTo("0x" + OUTPUT_SHA256);
        assertThat(record.adapter()).isEqualTo("0x" + ProvenanceTestBackend.RECIPES.hash());
        assertThat(record.contributors()).containsExactly(new OutputAttribution.Share("alice", 6250),
                new OutputAttribution.Share("bob", 3750));
        assertThat(record.attester()).isEqualTo(curator.address());
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void anotherPageOpensTheOutputWithItsAdapterChosen(FxRobot robot) throws Exception {
        robot.interact(() -> shell.show(ProvenancePage.ID));
        waitUntil(() -> fx(() -> adapterBox(robot).getValue() != null));
        assertThat(fx(() -> adapterBox(robot).getValue())).isEqualTo(ProvenanceTestBackend.RECIPES);
        robot.interact(() -> shell.show(HomePage.ID));
        OutputChoice sent = new OutputChoice(OutputChoice.PLAYGROUND, "pane 1: a poem", "Write a line", "Roses are red.",
                "run 2");
        robot.interact(() -> ((javafx.scene.layout.BorderPane) shell.root()).getCenter().fireEvent(
                new OpenPageEvent("no-such-page", sent)));
        assertThat(fx(() -> shell.currentPage().id())).as("a request for a page this studio lacks is ignored")
                .isEqualTo(HomePage.ID);
        robot.interact(() -> ((javafx.scene.layout.BorderPane) shell.root()).getCenter().fireEvent(
                new OpenPageEvent(ProvenancePage.ID, sent)));
        assertThat(fx(() -> shell.currentPage().id())).isEqualTo(ProvenancePage.ID);
        waitUntil(() -> fx(() -> ProvenanceTestBackend.POEMS.equals(adapterBox(robot).getValue())));
        assertThat(fx(() -> robot.lookup("#" + ProvenancePage.OUTPUT_ID).queryAs(TextInputControl.class).getText()))
                .isEqualTo("Roses are red.");
        assertThat(fx(() -> robot.lookup("#" + ProvenancePage.PROMPT_ID).queryAs(TextInputControl.class).getText()))
                .isEqualTo("Write a line");
        @SuppressWarnings("unchecked")
        List<OutputChoice> listed = fx(() -> List.copyOf(robot.lookup("#" + ProvenancePage.OUTPUTS_ID)
                .queryAs(ComboBox.class).getItems()));
        assertThat(listed).first().isEqualTo(sent);
        assertThat(listed).extracting(OutputChoice::source).contains(OutputChoice.BENCHMARK);

        setText(robot, "#" + ProvenancePage.OUTPUT_ID, " ");
        robot.interact(() -> button(robot, ProvenancePage.RUN_ID).fire());
        assertThat(fx(() -> label(robot, ProvenancePage.STATUS_ID))).contains("no output text");
        assertThat(backend.jobs).isZero();
    }

    static final String OUTPUT_SHA256 = "b1fa3a0edd6c9c8cb38619d4b1cfb318f4f4409ab9a825baa15c8a2d55b5bd96";

    @SuppressWarnings("unchecked")
    private static ComboBox<AdapterChoice> adapterBox(FxRobot robot) {
        return robot.lookup("#" + ProvenancePage.ADAPTER_ID).queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private static javafx.scene.control.ChoiceBox<AttributionMethod> methodBox(FxRobot robot) {
        return robot.lookup("#" + ProvenancePage.METHOD_ID).queryAs(javafx.scene.control.ChoiceBox.class);
    }

    private static List<String> bars(FxRobot robot) {
        return robot.lookup("#" + ProvenancePage.SHARES_ID).queryAs(VBox.class).getChildren().stream()
                .filter(HBox.class::isInstance).map(n -> ((HBox) n).getChildren().stream().filter(Label.class::isInstance)
                        .map(l -> ((Label) l).getText()).reduce((a, b) -> a + " " + b).orElse("")).toList();
    }

    private static int children(FxRobot robot, String id) {
        return (int) robot.lookup("#" + id).queryAs(VBox.class).getChildren().stream().filter(HBox.class::isInstance).count();
    }

    private static java.util.Optional<Node> visibleDialog(FxRobot robot) {
        return robot.lookup("#" + SigningDialog.DIALOG_ID).queryAll().stream()
                .filter(n -> n.getScene().getWindow().isShowing()).findFirst();
    }

    private static String dialogText(Node root) {
        StringBuilder b = new StringBuilder();
        if (root instanceof Label l) {
            b.append(l.getText()).append('\n');
        }
        if (root instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> b.append(dialogText(c)));
        }
        if (root instanceof javafx.scene.control.ScrollPane s && s.getContent() != null) {
            b.append(dialogText(s.getContent()));
        }
        return b.toString();
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Button.class);
    }

    private static void setText(FxRobot robot, String query, String text) {
        robot.interact(() -> robot.lookup(query).queryAs(TextInputControl.class).setText(text));
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Label.class).getText();
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
