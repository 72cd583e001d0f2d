package dev.modelfactory.studio.attribution;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.ui.StudioStyles;
import dev.modelfactory.studio.wallet.Network;
import dev.modelfactory.studio.wallet.WalletAccess;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Sealed batches and their anchoring: Seal batch; the endpoint (RPC URL, chain id) and registry address;
 * Check status (looks each root up) and Anchor (sends one transaction per batch not yet anchored, paid
 * by an unlocked account). Chain failures are shown in full under the form.
 */
final class BatchesPane extends VBox {

    static final String LIST_ID = "attribution-batches";
    static final String SEAL_ID = "attribution-seal";
    static final String RPC_ID = "attribution-rpc";
    static final String CHAIN_ID = "attribution-chain";
    static final String REGISTRY_ID = "attribution-registry";
    static final String PAYER_ID = "attribution-payer";
    static final String CHECK_ID = "attribution-check";
    static final String ANCHOR_ID = "attribution-anchor";
    static final String ERROR_ID = "attribution-anchor-error";

    private final AttributionLedger ledger;
    private final WalletAccess wallet;
    private final TaskExecutor executor;
    private final Consumer<String> say;
    private final VBox list = new VBox(4);
    private final TextField rpc = new TextField();
    private final TextField chain = new TextField();
    private final TextField registry = new TextField();
    private final ChoiceBox<Account> payer = new ChoiceBox<>();
    private final Label error = new Label();

    BatchesPane(AttributionLedger ledger, WalletAccess wallet, TaskExecutor executor, Consumer<String> say,
            Consumer<String> sayError) {
        this.ledger = ledger;
        this.wallet = wallet;
        this.executor = executor;
        this.say = say;
        setSpacing(10);
        getStyleClass().add(StudioStyles.PANEL);
        setPadding(new javafx.geometry.Insets(12, 14, 12, 14));
        list.setId(LIST_ID);
        rpc.setId(RPC_ID);
        rpc.setPromptText("RPC URL, e.g. http://127.0.0.1:8545");
        rpc.setPrefColumnCount(24);
        chain.setId(CHAIN_ID);
        chain.setPromptText("chain id");
        chain.setPrefColumnCount(6);
        registry.setId(REGISTRY_ID);
        registry.setPromptText("registry contract address (0x...)");
        registry.setPrefColumnCount(26);
        payer.setId(PAYER_ID);
        payer.setConverter(new AccountConverter());
        error.setId(ERROR_ID);
        error.getStyleClass().add(Styles.DANGER);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        error.setWrapText(true);
        Button seal = new Button("Seal batch");
        seal.setId(SEAL_ID);
        seal.setOnAction(e -> BackgroundTask.of("Sealing a batch", ctx -> ledger.seal()).onSuccess(b -> {
            say.accept(b.map(x -> "Sealed entries " + x.firstSeq() + ".." + x.lastSeq() + " under root " + x.root())
                    .orElse("No new entries to seal."));
            refresh();
        }).onFailure(t -> sayError.accept("Sealing failed: " + t.getMessage())).runOn(executor));
        Button check = new Button("Check status");
        check.setId(CHECK_ID);
        check.setOnAction(e -> withTarget((network, reg) -> BackgroundTask.of("Checking anchors",
                ctx -> ledger.anchorStatus(network, reg)).onSuccess(this::show)
                .onFailure(t -> error.setText("Checking failed: " + t.getMessage())).runOn(executor)));
        Button anchor = new Button("Anchor");
        anchor.setId(ANCHOR_ID);
        anchor.getStyleClass().add(Styles.ACCENT);
        anchor.setOnAction(e -> withTarget((network, reg) -> {
            Account a = payer.getValue();
            if (a == null || !wallet.isUnlocked(a.address())) {
                error.setText(a == null ? "Choose the paying account." : "Unlock " + a.name()
                        + " on the Wallet page first: it signs and pays for the transactions.");
                return;
            }
            BackgroundTask.of("Anchoring batches", ctx -> ledger.anchor(network, reg, a.address(),
                    ctx::updateProgress, CancellationToken.NONE)).onSuccess(lines -> {
                        say.accept(lines.isEmpty() ? "No sealed batch to anchor." : String.join("\n", lines));
                        BackgroundTask.of("Checking anchors", ctx -> ledger.anchorStatus(network, reg))
                                .onSuccess(this::show).runOn(executor);
                    }).onFailure(t -> error.setText("Anchoring failed: " + t.getMessage())).runOn(executor);
        }));
        chain.textProperty().addListener((o, was, now) -> {
            try {
                ledger.registry(Long.parseLong(now.strip())).ifPresent(registry::setText);
            } catch (NumberFormatException ignored) {
                // not a number yet: the user is typing
            }
        });
        HBox endpoint = new HBox(8, new Label("RPC"), rpc, new Label("Chain id"), chain);
        endpoint.setAlignment(Pos.CENTER_LEFT);
        HBox target = new HBox(8, new Label("Registry"), registry, new Label("Paid by"), payer);
        target.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(list, new HBox(8, seal), endpoint, target, new HBox(8, check, anchor), error);
    }

    private interface Target {
        void run(Network network, String registry);
    }

    private void withTarget(Target action) {
        error.setText("");
        long id;
        try {
            id = Long.parseLong(chain.getText().strip());
        } catch (NumberFormatException e) {
            error.setText("The chain id is a whole number (1337 for a local dev chain).");
            return;
        }
        if (rpc.getText().isBlank() || registry.getText().isBlank()) {
            error.setText(rpc.getText().isBlank() ? "Enter the RPC URL." : "Enter the registry address "
                    + "(deploy one with: modelfactory ledger anchor --deploy).");
            return;
        }
        try {
            action.run(new Network(rpc.getText().strip(), id), registry.getText().strip());
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
        }
    }

    /** Loads the sealed batches (status not checked) and fills the endpoint from the settings once. */
    void refresh() {
        Account chosen = payer.getValue();
        payer.getItems().setAll(wallet.accounts());
        payer.setValue(chosen != null && payer.getItems().contains(chosen) ? chosen
                : payer.getItems().isEmpty() ? null : payer.getItems().getFirst());
        if (rpc.getText().isBlank()) {
            wallet.network().ifPresent(n -> {
                rpc.setText(n.rpcUrl());
                chain.setText(Long.toString(n.chainId()));
            });
        }
        BackgroundTask.of("Loading batches", ctx -> ledger.batches()).onSuccess(this::show)
                .onFailure(t -> error.setText("Loading the batches failed: " + t.getMessage())).runOn(executor);
    }

    private void show(List<BatchStatus> batches) {
        list.getChildren().clear();
        if (batches.isEmpty()) {
            Label none = new Label("No sealed batch yet: Seal batch puts the entries so far under one Merkle root.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            list.getChildren().add(none);
            return;
        }
        for (BatchStatus b : batches) {
            Label range = new Label("#" + b.firstSeq() + "\u2013#" + b.lastSeq());
            range.setMinWidth(80);
            Label root = new Label(b.root());
            root.getStyleClass().addAll(StudioStyles.MONOSPACE, Styles.TEXT_SMALL);
            Label status = new Label(b.anchor().orElse("status not checked"));
            status.setId("attribution-batch-" + b.firstSeq());
            status.getStyleClass().add(b.anchor().map(s -> s.startsWith("anchored") ? Styles.SUCCESS : Styles.WARNING)
                    .orElse(Styles.TEXT_MUTED));
            HBox row = new HBox(12, range, root, status);
            row.setAlignment(Pos.CENTER_LEFT);
            list.getChildren().add(row);
        }
    }
}
