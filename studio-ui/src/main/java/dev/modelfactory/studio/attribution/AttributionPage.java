package dev.modelfactory.studio.attribution;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.attribution.DisplayField;
import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.log.VerifyReport;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.task.Work;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.ui.StudioStyles;
import dev.modelfactory.studio.wallet.SignatureRequests;
import dev.modelfactory.studio.wallet.SigningDialog;
import dev.modelfactory.studio.wallet.WalletAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The ledger's records grouped by contributor (or type) with a verification badge each, a record's
 * details, Verify ledger, Attest dataset version and Claim (each record signed through the signing
 * dialog; a cancelled dialog appends nothing), and the batches with their anchoring.
 */
public final class AttributionPage implements Page {

    public static final String ID = "attribution";
    public static final String VERIFY_ID = "attribution-verify";
    public static final String VERIFY_RESULT_ID = "attribution-verify-result";
    public static final String ATTEST_ID = "attribution-attest";
    public static final String VERSION_ID = "attribution-version";
    public static final String ACCOUNT_ID = "attribution-account";
    public static final String GROUPING_ID = "attribution-grouping";
    public static final String MESSAGE_ID = "attribution-message";
    public static final String RECORDS_ID = "attribution-records";
    public static final String DETAILS_ID = "attribution-details";
    /** Suffixed with the entry's seq. */
    public static final String BADGE_ID = "attribution-badge-";
    public static final String SELECT_ID = "attribution-select-";
    public static final String ROW_ID = "attribution-row-";
    /** Suffixed with the group's index (0 = first group shown). */
    public static final String CLAIM_ID = "attribution-claim-";
    static final String BY_CONTRIBUTOR = "Contributor";
    static final String BY_TYPE = "Type";

    private final AttributionLedger ledger;
    private final WalletAccess wallet;
    private final TaskExecutor executor;
    private final SignatureRequests signing;
    private final VBox records = new VBox(12);
    private final VBox details = new VBox(6);
    private final Label message = new Label();
    private final Label verifyResult = new Label();
    private final ChoiceBox<Account> account = new ChoiceBox<>();
    private final ChoiceBox<FrozenVersion> version = new ChoiceBox<>();
    private final ChoiceBox<String> grouping = new ChoiceBox<>();
    private final BatchesPane batches;
    private final ScrollPane view;
    private List<LedgerRecord> loaded = List.of();

    public AttributionPage(StudioServices services, AttributionLedger ledger, WalletAccess wallet) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.wallet = Objects.requireNonNull(wallet, "wallet");
        this.executor = services.executor();
        this.signing = new SigningDialog(wallet, executor, this::window);
        message.setId(MESSAGE_ID);
        message.setWrapText(true);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        verifyResult.setId(VERIFY_RESULT_ID);
        verifyResult.setWrapText(true);
        verifyResult.managedProperty().bind(verifyResult.textProperty().isNotEmpty());
        verifyResult.visibleProperty().bind(verifyResult.managedProperty());
        records.setId(RECORDS_ID);
        details.setId(DETAILS_ID);
        details.getStyleClass().add(StudioStyles.PANEL);
        details.setPadding(new javafx.geometry.Insets(12, 14, 12, 14));
        details.getChildren().add(muted("Select a record to see its fields, hashes and chain link."));
        batches = new BatchesPane(ledger, wallet, executor, this::say, this::sayError);
        grouping.setId(GROUPING_ID);
        grouping.getItems().addAll(BY_CONTRIBUTOR, BY_TYPE);
        grouping.setValue(BY_CONTRIBUTOR);
        grouping.valueProperty().addListener((o, a, b) -> showRecords());
        account.setId(ACCOUNT_ID);
        account.setConverter(new AccountConverter());
        version.setId(VERSION_ID);
        view = PageLayout.scrollingPage(
                PageLayout.header("Ledger", "The signed records of this workspace's ledger: who contributed "
                        + "what, verified; attest dataset versions, claim records, anchor batches on chain.",
                        toolbar()),
                message,
                PageLayout.section("Sign as", "The wallet account that signs attestations and claims.",
                        row(new Label("Account"), account, new Label("Dataset version"), version, attestButton())),
                PageLayout.section("Records", null, row(new Label("Group by"), grouping), verifyResult, records),
                PageLayout.section("Details", null, details),
                PageLayout.section("Batches and anchoring", "Sealed batches of entries and whether their Merkle "
                        + "root is anchored in a registry contract on chain.", batches));
    }

    public static PageFactory factory(AttributionLedger ledger, WalletAccess wallet) {
        return services -> new AttributionPage(services, ledger, wallet);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Ledger";
    }

    @Override
    public Node icon() {
        return Glyph.DATABASE.node(16);
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void onShow() {
        refresh();
    }

    /** Loads the records, versions, accounts and batches again (in the background). */
    public void refresh() {
        Account chosen = account.getValue();
        account.getItems().setAll(wallet.accounts());
        account.setValue(chosen != null && account.getItems().contains(chosen) ? chosen
                : account.getItems().isEmpty() ? null : account.getItems().getFirst());
        run("Loading the ledger", ctx -> new Loaded(ledger.records(), ledger.frozenVersions()), l -> {
            loaded = l.records();
            FrozenVersion v = version.getValue();
            version.getItems().setAll(l.versions());
            version.setValue(v != null && version.getItems().contains(v) ? v
                    : version.getItems().isEmpty() ? null : version.getItems().getFirst());
            showRecords();
        });
        batches.refresh();
    }

    private record Loaded(List<LedgerRecord> records, List<FrozenVersion> versions) {
    }

    private Node toolbar() {
        Button verify = new Button("Verify ledger", Glyph.ATTRIBUTE.node(14));
        verify.setId(VERIFY_ID);
        verify.setOnAction(e -> run("Verifying the ledger", ctx -> ledger.verify(ctx::updateProgress,
                CancellationToken.NONE), this::showVerify));
        Button refresh = new Button("Refresh", Glyph.REFRESH.node(14));
        refresh.setOnAction(e -> refresh());
        HBox bar = new HBox(8, verify, refresh);
        bar.setMinWidth(Region.USE_PREF_SIZE);
        return bar;
    }

    private Button attestButton() {
        Button attest = new Button("Attest version\u2026");
        attest.setId(ATTEST_ID);
        attest.getStyleClass().add(Styles.ACCENT);
        attest.setOnAction(e -> {
            Account a = account.getValue();
            FrozenVersion v = version.getValue();
            if (a == null || v == null) {
                sayError(a == null ? "Create or import a wallet account first (Wallet page)."
                        : "There is no frozen dataset version to attest: freeze one on the Datasets page.");
                return;
            }
            run("Preparing the attestation of " + v, ctx -> ledger.attestations(v, a.address(), ctx::updateProgress,
                    CancellationToken.NONE), list -> signAll(list, a, new ArrayList<>(), signed -> appendAll(signed,
                    "Attested " + v + ": " + signed.size() + " records appended.")));
        });
        return attest;
    }

    private void showVerify(VerifyReport r) {
        verifyResult.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        if (r.ok()) {
            verifyResult.setText("The ledger is intact: " + r.checked() + " entries checked.");
            verifyResult.getStyleClass().add(Styles.SUCCESS);
        } else {
            VerifyReport.BadEntry bad = r.firstBad().orElseThrow();
            verifyResult.setText("Entry #" + bad.seq() + " is bad: " + String.join("; ", bad.problems()));
            verifyResult.getStyleClass().add(Styles.DANGER);
        }
    }

    /** Shows the dialog for each record in turn; stops (appending nothing) at the first cancel. */
    private void signAll(List<TypedData> todo, Account signer, List<SignedRecord> done, Consumer<List<SignedRecord>> then) {
        if (done.size() == todo.size()) {
            then.accept(done);
            return;
        }
        TypedData next = todo.get(done.size());
        signing.request(next, signer.address(), sig -> {
            if (sig.isEmpty()) {
                say("Cancelled: nothing was signed or appended.");
                return;
            }
            Signature s = sig.get();
            done.add(new SignedRecord(next, s, signer.address()));
            signAll(todo, signer, done, then);
        });
    }

    private void appendAll(List<SignedRecord> signed, String success) {
        run("Appending to the ledger", ctx -> {
            ledger.append(signed);
            return signed.size();
        }, n -> {
            say(success);
            refresh();
        });
    }

    private void showRecords() {
        records.getChildren().clear();
        if (loaded.isEmpty()) {
            records.getChildren().add(PageLayout.emptyState(Glyph.ATTRIBUTE, "The ledger is empty",
                    "Attest a frozen dataset version to add the first signed records."));
            return;
        }
        boolean byContributor = BY_CONTRIBUTOR.equals(grouping.getValue());
        Map<String, List<LedgerRecord>> groups = new TreeMap<>();
        for (LedgerRecord r : loaded) {
            groups.computeIfAbsent(byContributor ? r.contributor() : r.type(), k -> new ArrayList<>()).add(r);
        }
        int index = 0;
        for (Map.Entry<String, List<LedgerRecord>> g : groups.entrySet()) {
            records.getChildren().add(group(index++, g.getKey(), g.getValue(), byContributor));
        }
    }

    private Node group(int index, String key, List<LedgerRecord> list, boolean claimable) {
        Label head = new Label(key + "  \u00b7  " + list.size() + (list.size() == 1 ? " record" : " records"));
        head.getStyleClass().add(Styles.TEXT_BOLD);
        List<CheckBox> boxes = new ArrayList<>();
        VBox rows = new VBox(4);
        for (LedgerRecord r : list) {
            CheckBox box = new CheckBox();
            box.setId(SELECT_ID + r.seq());
            box.setUserData(r);
            box.setVisible(claimable);
            box.setManaged(claimable);
            boxes.add(box);
            Label seq = new Label("#" + r.seq());
            seq.setMinWidth(44);
            Label type = new Label(r.type());
            type.setMinWidth(150);
            Label signer = new Label(r.signer());
            signer.getStyleClass().addAll(StudioStyles.MONOSPACE, Styles.TEXT_MUTED);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Button open = new Button("Details");
            open.getStyleClass().add(Styles.FLAT);
            open.setOnAction(e -> showDetails(r));
            HBox row = new HBox(10, box, seq, type, signer, gap, badge(r), open);
            row.setId(ROW_ID + r.seq());
            row.setAlignment(Pos.CENTER_LEFT);
            rows.getChildren().add(row);
        }
        HBox top = new HBox(10, head);
        top.setAlignment(Pos.CENTER_LEFT);
        if (claimable) {
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Button claim = new Button("Claim selected\u2026");
            claim.setId(CLAIM_ID + index);
            claim.setOnAction(e -> claim(boxes.stream().filter(CheckBox::isSelected)
                    .map(b -> (LedgerRecord) b.getUserData()).toList()));
            top.getChildren().addAll(gap, claim);
        }
        VBox panel = new VBox(8, top, rows);
        panel.getStyleClass().add(StudioStyles.PANEL);
        panel.setPadding(new javafx.geometry.Insets(10, 14, 10, 14));
        return panel;
    }

    private void claim(List<LedgerRecord> chosen) {
        Account a = account.getValue();
        if (a == null) {
            sayError("Create or import a wallet account first (Wallet page): a claim is signed by the contributor.");
            return;
        }
        if (chosen.isEmpty()) {
            sayError("Tick the records to claim first.");
            return;
        }
        TypedData claim;
        try {
            claim = ledger.claim(a.address(), chosen.stream().map(LedgerRecord::id).toList());
        } catch (RuntimeException ex) {
            sayError("Cannot build the claim: " + ex.getMessage());
            return;
        }
        signAll(List.of(claim), a, new ArrayList<>(), signed -> appendAll(signed,
                a.name() + " claimed " + chosen.size() + (chosen.size() == 1 ? " record." : " records.")));
    }

    static Label badge(LedgerRecord r) {
        Label badge = new Label(r.badge());
        badge.setId(BADGE_ID + r.seq());
        badge.getStyleClass().addAll(Styles.TEXT_SMALL, switch (r.verification().status()) {
            case VALID -> Styles.SUCCESS;
            case INVALID -> Styles.DANGER;
            case SIGNER_UNKNOWN -> Styles.WARNING;
        });
        badge.setMinWidth(Region.USE_PREF_SIZE);
        return badge;
    }

    private void showDetails(LedgerRecord r) {
        GridPane grid = new GridPane(16, 4);
        int row = 0;
        for (String[] kv : new String[][] {{"Entry", "#" + r.seq() + "  " + r.type()}, {"Verification",
                r.badge() + " \u2014 " + r.verification().reason()}, {"Signer", r.signer()}, {"Record id", r.id()},
                {"Entry hash", r.entryHash()}, {"Previous entry", r.prevHash()}, {"Signature", r.signature()},
                {"Appended", r.createdAt().toString()}}) {
            grid.addRow(row++, name(kv[0]), mono(kv[1]));
        }
        for (DisplayField f : r.fields()) {
            grid.addRow(row++, name(f.path()), mono(f.value()));
        }
        details.getChildren().setAll(grid);
    }

    private <T> void run(String title, Work<T> work, Consumer<T> onSuccess) {
        BackgroundTask.of(title, work).onSuccess(onSuccess::accept)
                .onFailure(t -> sayError(title + " failed: " + t.getMessage())).runOn(executor);
    }

    private void say(String text) {
        message.getStyleClass().remove(Styles.DANGER);
        message.setText(text);
    }

    private void sayError(String text) {
        if (!message.getStyleClass().contains(Styles.DANGER)) {
            message.getStyleClass().add(Styles.DANGER);
        }
        message.setText(text);
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(10, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    /** A name column label: never shortened to an ellipsis (the values wrap instead). */
    private static Label name(String text) {
        Label l = muted(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label mono(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(StudioStyles.MONOSPACE);
        l.setWrapText(true);
        return l;
    }

    private Window window() {
        return view.getScene() == null ? null : view.getScene().getWindow();
    }
}
