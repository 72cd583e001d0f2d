package dev.modelfactory.studio.provenance;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.wallet.SigningDialog;
import dev.modelfactory.studio.wallet.WalletAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * The Attribution page: an output (picked from recent ones, sent by the playground or a benchmark example,
 * or pasted) and its adapter in; contributor shares, span highlights, influence top rows and retrieval
 * citations out; "Sign attribution" signs the shares as an OutputAttribution record through the wallet's
 * dialog and stores it in the ledger. Every backend call runs as a background task.
 */
public final class ProvenancePage implements Page {

    public static final String ID = "provenance";
    public static final String OUTPUTS_ID = "provenance-outputs";
    public static final String PROMPT_ID = "provenance-prompt";
    public static final String OUTPUT_ID = "provenance-output";
    public static final String ADAPTER_ID = "provenance-adapter";
    public static final String METHOD_ID = "provenance-method";
    public static final String TOP_ID = "provenance-top";
    public static final String RUN_ID = "provenance-run";
    public static final String CANCEL_ID = "provenance-cancel";
    public static final String PROGRESS_ID = "provenance-progress";
    public static final String STATUS_ID = "provenance-status";
    public static final String SHARES_ID = "provenance-shares";
    public static final String SPANS_ID = "provenance-spans";
    public static final String ROWS_ID = "provenance-rows";
    public static final String CITATIONS_ID = "provenance-citations";
    public static final String NOTES_ID = "provenance-notes";
    public static final String ACCOUNT_ID = "provenance-account";
    public static final String SIGN_ID = "provenance-sign";
    public static final String SIGNED_ID = "provenance-signed";

    private final ProvenanceBackend backend;
    private final WalletAccess wallet;
    private final TaskExecutor executor;
    private final OutputSigning signing;
    private final ComboBox<OutputChoice> outputs = new ComboBox<>();
    private final TextArea prompt = new TextArea();
    private final TextArea output = new TextArea();
    private final ComboBox<AdapterChoice> adapter = new ComboBox<>();
    private final ChoiceBox<AttributionMethod> method = new ChoiceBox<>();
    private final Spinner<Integer> top = new Spinner<>(1, 100, 10);
    private final Button run = new Button("Attribute", Glyph.ATTRIBUTE.node(14));
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Label notes = new Label();
    private final SharesChart shares = new SharesChart();
    private final SpanText spans = new SpanText();
    private final EvidenceList rows = new EvidenceList(ROWS_ID, "influence",
            "Attribute an output to see the training rows with the most influence on it.");
    private final EvidenceList citations = new EvidenceList(CITATIONS_ID, "BM25",
            "Attribute an output to see the rows retrieval cites for it.");
    private final ChoiceBox<Account> account = new ChoiceBox<>();
    private final Button sign = new Button("Sign attribution\u2026");
    private final Label signed = new Label();
    private final List<OutputChoice> received = new ArrayList<>();
    private final ScrollPane view;
    private BackgroundTask<ProvenanceView> job;
    private ProvenanceView shown;
    private String adapterHint = "";
    private boolean methodChosen;

    public ProvenancePage(StudioServices services, ProvenanceBackend backend, WalletAccess wallet) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.wallet = Objects.requireNonNull(wallet, "wallet");
        this.executor = services.executor();
        this.signing = new OutputSigning(backend, wallet, executor, new SigningDialog(wallet, executor, this::window));
        view = PageLayout.scrollingPage(
                PageLayout.header("Attribution", "Whose training data shaped an output: influence through the "
                        + "adapter's gradients, spans found verbatim in training rows, and retrieval citations; sign "
                        + "the contributor shares as an OutputAttribution record."),
                PageLayout.section("Output", "Pick a recent output, or paste the text and its prompt.", outputSection()),
                PageLayout.section("Adapter and method", null, jobSection()),
                PageLayout.section("Contributor shares", "Positive influence per contributor, in percent; these are "
                        + "the shares a signed record carries.", shares),
                PageLayout.section("Spans found in training rows", "Hover a highlighted span for its contributors; "
                        + "click it to list its rows.", spans),
                PageLayout.section("Top rows by influence", null, rows),
                PageLayout.section("Retrieval citations", "Rows that BM25 retrieval finds for this output.", citations),
                notes,
                PageLayout.section("Sign", "Signs an OutputAttribution record (output hash, adapter hash, shares) "
                        + "with a wallet account and appends it to the ledger.", signSection()));
        showView(null);
    }

    public static PageFactory factory(ProvenanceBackend backend, WalletAccess wallet) {
        return services -> new ProvenancePage(services, backend, wallet);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Attribution";
    }

    @Override
    public Node icon() {
        return Glyph.ATTRIBUTE.node(16);
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void onShow() {
        refresh();
    }

    /** Opens an {@link OutputChoice} sent by another page: fills the output and picks its adapter. */
    @Override
    public void open(Object request) {
        if (request instanceof OutputChoice choice) {
            received.remove(choice);
            received.addFirst(choice);
            outputs.getItems().remove(choice);
            outputs.getItems().addFirst(choice);
            outputs.setValue(choice);
        }
    }

    /** Loads the adapters, recent outputs and accounts again (in the background). */
    public void refresh() {
        Account chosen = account.getValue();
        account.getItems().setAll(wallet.accounts());
        account.setValue(chosen != null && account.getItems().contains(chosen) ? chosen
                : account.getItems().isEmpty() ? null : account.getItems().getFirst());
        BackgroundTask.of("Loading adapters and outputs", ctx -> new Choices(backend.adapters(), backend.recentOutputs(),
                        backend.defaultMethod()))
                .onSuccess(c -> {
                    if (!methodChosen) {
                        method.setValue(c.method());
                    }
                    AdapterChoice a = adapter.getValue();
                    adapter.getItems().setAll(c.adapters());
                    adapter.setValue(a != null && c.adapters().contains(a) ? a : c.adapters().stream()
                            .filter(x -> x.matches(adapterHint)).findFirst()
                            .orElse(c.adapters().isEmpty() ? null : c.adapters().getFirst()));
                    OutputChoice o = outputs.getValue();
                    List<OutputChoice> all = new ArrayList<>(received);
                    c.outputs().stream().filter(x -> !all.contains(x)).forEach(all::add);
                    outputs.getItems().setAll(all);
                    if (o != null && all.contains(o)) {
                        outputs.setValue(o);
                    }
                })
                .onFailure(t -> say("Loading the adapters failed: " + t.getMessage(), true)).runOn(executor);
    }

    private record Choices(List<AdapterChoice> adapters, List<OutputChoice> outputs, AttributionMethod method) {
    }

    private Node outputSection() {
        outputs.setId(OUTPUTS_ID);
        outputs.setPromptText("Recent outputs");
        outputs.setMaxWidth(Double.MAX_VALUE);
        outputs.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                prompt.setText(now.prompt());
                output.setText(now.output());
                adapterHint = now.adapterHint();
                adapter.getItems().stream().filter(a -> a.matches(now.adapterHint())).findFirst()
                        .ifPresent(adapter::setValue);
            }
        });
        prompt.setId(PROMPT_ID);
        prompt.setPromptText("Prompt (influence needs it; spans and citations do not)");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(3);
        output.setId(OUTPUT_ID);
        output.setPromptText("The output text");
        output.setWrapText(true);
        output.setPrefRowCount(3);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(8, outputs, prompt, output);
        return box;
    }

    private Node jobSection() {
        adapter.setId(ADAPTER_ID);
        adapter.setPromptText("No adapter yet: train or import one");
        adapter.setPrefWidth(380);
        method.setId(METHOD_ID);
        method.getItems().setAll(AttributionMethod.values());
        method.setValue(AttributionMethod.DATAINF);
        method.setOnAction(e -> methodChosen = true);
        top.setId(TOP_ID);
        top.setEditable(true);
        top.setPrefWidth(80);
        run.setId(RUN_ID);
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(false);
        run.setOnAction(e -> attribute());
        cancel.setId(CANCEL_ID);
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (job != null) {
                job.cancel();
            }
        });
        progress.setId(PROGRESS_ID);
        progress.setPrefWidth(220);
        progress.setVisible(false);
        status.setId(STATUS_ID);
        status.setWrapText(true);
        notes.setId(NOTES_ID);
        notes.setWrapText(true);
        notes.getStyleClass().add(Styles.TEXT_MUTED);
        notes.managedProperty().bind(notes.textProperty().isNotEmpty());
        notes.visibleProperty().bind(notes.managedProperty());
        HBox choose = row(new Label("Adapter"), adapter, new Label("Method"), method, new Label("Top rows"), top);
        HBox go = row(run, cancel, progress);
        return new javafx.scene.layout.VBox(8, choose, go, status);
    }

    private Node signSection() {
        account.setId(ACCOUNT_ID);
        account.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Account a) {
                return a == null ? "" : a.name() + "  " + a.address();
            }

            @Override
            public Account fromString(String s) {
                return null;
            }
        });
        sign.setId(SIGN_ID);
        sign.getStyleClass().add(Styles.ACCENT);
        sign.setOnAction(e -> signShown());
        signed.setId(SIGNED_ID);
        signed.setWrapText(true);
        return new javafx.scene.layout.VBox(8, row(new Label("Account"), account, sign), signed);
    }

    private void attribute() {
        ProvenanceQuery query;
        try {
            if (adapter.getValue() == null) {
                throw new IllegalArgumentException("adapter: choose the adapter that produced the output");
            }
            query = new ProvenanceQuery(adapter.getValue(), prompt.getText(), output.getText(), method.getValue(),
                    top.getValue());
        } catch (IllegalArgumentException e) {
            say(e.getMessage(), true);
            return;
        }
        say("Attributing with " + query.method() + "\u2026", false);
        job = BackgroundTask.of("Attributing an output", ctx -> backend.attribute(query, ctx::updateProgress,
                ctx::isCancelled));
        progress.progressProperty().bind(job.progressProperty());
        progress.setVisible(true);
        running(true);
        job.onSuccess(v -> {
            running(false);
            showView(v);
            say("Attributed with " + v.query().method() + " on " + v.query().adapter().label() + ": "
                    + count(v.topRows().size(), "top row") + ", " + count(v.spans().size(), "span") + ", "
                    + count(v.citations().size(), "citation") + ".", false);
        }).onCancelled(() -> {
            running(false);
            say("Cancelled: the results shown are from before.", false);
        }).onFailure(t -> {
            running(false);
            say("Attribution failed: " + t.getMessage(), true);
        }).runOn(executor);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private void running(boolean on) {
        run.setDisable(on);
        cancel.setDisable(!on);
        if (!on) {
            progress.progressProperty().unbind();
            progress.setVisible(false);
        }
    }

    private void showView(ProvenanceView v) {
        shown = v;
        shares.show(v == null ? List.of() : v.shares());
        spans.show(v == null ? "" : v.query().output(), v == null ? List.of() : v.spans());
        rows.show(v == null ? List.of() : v.topRows());
        citations.show(v == null ? List.of() : v.citations());
        notes.setText(v == null ? "" : String.join("\n", v.notes()));
        signed.setText("");
        sign.setDisable(v == null || v.shares().isEmpty());
    }

    private void signShown() {
        Account a = account.getValue();
        if (a == null) {
            sayTo(signed, "Create or import a wallet account first (Wallet page).", true);
            return;
        }
        Consumer<Throwable> failed = t -> sayTo(signed, "Signing failed: " + t.getMessage(), true);
        signing.sign(shown, a, o -> sayTo(signed, "Signed and stored OutputAttribution " + o.record().id()
                + ". Offline verification: " + o.verification().status().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + " (" + o.verification().reason() + ").",
                o.verification().status() != dev.modelfactory.ledger.attribution.Verification.Status.VALID),
                () -> sayTo(signed, "Cancelled: nothing was signed or stored.", false), failed);
    }

    private void say(String text, boolean error) {
        sayTo(status, text, error);
    }

    private static void sayTo(Label label, String text, boolean error) {
        label.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
        if (error) {
            label.getStyleClass().add(Styles.DANGER);
        }
        label.setText(text);
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(10, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        for (Node n : nodes) {
            if (n instanceof TextField) {
                HBox.setHgrow(n, Priority.ALWAYS);
            }
        }
        return row;
    }

    private Window window() {
        return view.getScene() == null ? null : view.getScene().getWindow();
    }
}
