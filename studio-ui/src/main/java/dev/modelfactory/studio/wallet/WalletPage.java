package dev.modelfactory.studio.wallet;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Secrets;
import dev.modelfactory.ledger.wallet.WrongPasswordException;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.task.Work;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The Wallet page: each account with its identicon, EIP-55 address (Copy puts the address, and only the
 * address, on the clipboard), lock state with Unlock / Lock, balance (or why there is none), and Export
 * keystore; Create / Import / Add account flows; the RPC endpoint. A timer locks accounts left idle
 * ({@link WalletAccess#expireIdle()}); mouse and key activity on the page counts as use.
 */
public final class WalletPage implements Page {

    public static final String ID = "wallet";
    public static final String CREATE_ID = "wallet-create-open";
    public static final String IMPORT_ID = "wallet-import-open";
    public static final String ADD_ID = "wallet-add-open";
    public static final String LOCK_ALL_ID = "wallet-lock-all";
    public static final String MESSAGE_ID = "wallet-message";
    public static final String ACCOUNTS_ID = "wallet-accounts";
    public static final String EMPTY_ID = "wallet-empty";
    /** Per account, suffixed with the account's name. */
    public static final String ADDRESS_ID = "wallet-address-";
    public static final String COPY_ID = "wallet-copy-";
    public static final String STATE_ID = "wallet-state-";
    public static final String PASSWORD_ID = "wallet-password-";
    public static final String UNLOCK_ID = "wallet-unlock-";
    public static final String LOCK_ID = "wallet-lock-";
    public static final String EXPORT_ID = "wallet-export-";
    public static final String BALANCE_ID = "wallet-balance-";
    /** How often the idle timer looks (the idle time itself is the wallet's). */
    static final Duration IDLE_CHECK = Duration.seconds(15);

    private final WalletAccess wallet;
    private final WalletFiles files;
    private final TaskExecutor executor;
    private final VBox accounts = new VBox(10);
    private final VBox flow = new VBox();
    private final Label message = new Label();
    private final ProgressBar progress = new ProgressBar(-1);
    private final Label progressText = new Label();
    private final HBox busy = new HBox(8, progress, progressText);
    private final Button create = new Button("Create wallet\u2026", Glyph.LOGO.node(14));
    private final Button add = new Button("Add account\u2026", Glyph.FOLDER_ADD.node(14));
    private final NetworkPane network;
    private final ScrollPane view;
    private final Timeline idleTimer;

    public WalletPage(StudioServices services, WalletAccess wallet, WalletFiles files) {
        this.wallet = Objects.requireNonNull(wallet, "wallet");
        this.files = Objects.requireNonNull(files, "files");
        this.executor = services.executor();
        message.setId(MESSAGE_ID);
        message.setWrapText(true);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        busy.setAlignment(Pos.CENTER_LEFT);
        busy.setVisible(false);
        busy.setManaged(false);
        accounts.setId(ACCOUNTS_ID);
        flow.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(flow.getChildren()));
        network = new NetworkPane(wallet, this::refresh, this::say);
        view = PageLayout.scrollingPage(
                PageLayout.header("Wallet", "Accounts that sign attribution records and pay for anchoring. Keys "
                        + "stay encrypted in this workspace; an unlocked account locks itself when left idle.",
                        toolbar()),
                busy, message, flow,
                PageLayout.section("Accounts", null, accounts),
                PageLayout.section("Network", "The JSON-RPC endpoint balances are read from (kept in the "
                        + "workspace's settings).", network));
        view.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> wallet.touch());
        view.addEventFilter(KeyEvent.KEY_PRESSED, e -> wallet.touch());
        idleTimer = new Timeline(new KeyFrame(IDLE_CHECK, e -> expireIdle()));
        idleTimer.setCycleCount(Animation.INDEFINITE);
        idleTimer.play();
        refresh();
    }

    public static PageFactory factory(WalletAccess wallet) {
        return factory(wallet, WalletFiles.system());
    }

    public static PageFactory factory(WalletAccess wallet, WalletFiles files) {
        return services -> new WalletPage(services, wallet, files);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Wallet";
    }

    @Override
    public Node icon() {
        return Glyph.WALLET.node(16);
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void onShow() {
        refresh();
    }

    /** What the idle timer does: lock the accounts the wallet finds idle, and show it. */
    public void expireIdle() {
        int locked = wallet.expireIdle();
        if (locked > 0) {
            say((locked == 1 ? "1 account was" : locked + " accounts were") + " locked after being left idle.");
            refresh();
        }
    }

    private Node toolbar() {
        create.setId(CREATE_ID);
        create.getStyleClass().add(Styles.ACCENT);
        create.setOnAction(e -> openFlow(new CreateWalletPane(wallet, this::finishCreate, this::closeFlow)));
        Button importButton = new Button("Import\u2026", Glyph.IMPORT.node(14));
        importButton.setId(IMPORT_ID);
        importButton.setOnAction(e -> openFlow(new ImportWalletPane(wallet, files, this::window,
                (title, work, done) -> run(title, work, a -> {
                    done.run();
                    say("Imported account " + a.name() + " (" + a.address() + ").");
                }), this::closeFlow)));
        add.setId(ADD_ID);
        add.setOnAction(e -> openFlow(new AddAccountPane(this::addAccount, this::closeFlow)));
        Button lockAll = new Button("Lock all");
        lockAll.setId(LOCK_ALL_ID);
        lockAll.setOnAction(e -> {
            wallet.lockAll();
            refresh();
        });
        HBox bar = new HBox(8, create, add, importButton, lockAll);
        bar.setMinWidth(Region.USE_PREF_SIZE);
        return bar;
    }

    private void openFlow(Node pane) {
        message.setText("");
        flow.getChildren().setAll(pane);
    }

    private void closeFlow() {
        flow.getChildren().clear();
    }

    private void finishCreate(dev.modelfactory.ledger.wallet.Mnemonic mnemonic, String name, char[] password,
            Consumer<Account> done) {
        run("Creating wallet", ctx -> {
            ctx.updateMessage("Encrypting the recovery phrase and the first key (scrypt)");
            try {
                return wallet.addMnemonic(mnemonic, name, password);
            } finally {
                Secrets.wipe(password);
            }
        }, a -> {
            done.accept(a);
            say("Created the wallet with account " + a.name() + " (" + a.address() + ").");
        });
    }

    private void addAccount(String name, char[] password) {
        run("Adding account " + name, ctx -> {
            ctx.updateMessage("Opening the recovery phrase (scrypt)");
            try {
                return wallet.deriveNext(name, password);
            } finally {
                Secrets.wipe(password);
            }
        }, a -> {
            closeFlow();
            say("Added account " + a.name() + " (" + a.path().orElse("") + ").");
        });
    }

    /** Runs slow wallet work in the background with progress; failures are shown on the page. */
    private <T> void run(String title, Work<T> work, Consumer<T> onSuccess) {
        progressText.setText(title + "\u2026");
        busy.setVisible(true);
        busy.setManaged(true);
        BackgroundTask.of(title, work).onSuccess(result -> {
            busy.setVisible(false);
            busy.setManaged(false);
            refresh();
            onSuccess.accept(result);
        }).onFailure(t -> {
            busy.setVisible(false);
            busy.setManaged(false);
            refresh();
            sayError(t instanceof WrongPasswordException ? t.getMessage() + ": nothing changed."
                    : title + " failed: " + t.getMessage());
        }).runOn(executor);
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

    /** Lists the accounts again (cheap: the store and the lock map); balances load in the background. */
    public void refresh() {
        boolean seeded = wallet.hasMnemonic();
        create.setVisible(!seeded);
        create.setManaged(!seeded);
        add.setVisible(seeded);
        add.setManaged(seeded);
        accounts.getChildren().clear();
        var list = wallet.accounts();
        if (list.isEmpty()) {
            VBox empty = PageLayout.emptyState(Glyph.WALLET, "No account yet",
                    "Create a wallet (a new recovery phrase) or import an account to sign records.");
            empty.setId(EMPTY_ID);
            accounts.getChildren().add(empty);
            return;
        }
        for (Account a : list) {
            accounts.getChildren().add(card(a));
        }
    }

    private Node card(Account a) {
        boolean unlocked = wallet.isUnlocked(a.address());
        Label name = new Label(a.name());
        name.getStyleClass().add(Styles.TITLE_4);
        TextField address = new TextField(a.address());
        address.setId(ADDRESS_ID + a.name());
        address.setEditable(false);
        address.getStyleClass().addAll(StudioStyles.MONOSPACE, StudioStyles.COPYABLE);
        address.setPrefColumnCount(30);
        Button copy = new Button("Copy");
        copy.setId(COPY_ID + a.name());
        copy.setTooltip(new Tooltip("Copy the address (never a key)"));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(a.address());
            Clipboard.getSystemClipboard().setContent(content);
            say("Copied the address of " + a.name() + ".");
        });
        Label source = new Label(a.source() + a.path().map(p -> " \u00b7 " + p).orElse(""));
        source.getStyleClass().add(Styles.TEXT_MUTED);
        Label state = new Label(unlocked ? "Unlocked" : "Locked");
        state.setId(STATE_ID + a.name());
        state.getStyleClass().add(unlocked ? Styles.SUCCESS : Styles.TEXT_MUTED);
        Label balance = new Label("Balance: \u2026");
        balance.setId(BALANCE_ID + a.name());
        BackgroundTask.of("Balance of " + a.name(), ctx -> wallet.balance(a.address()))
                .onSuccess(b -> balance.setText("Balance: " + b.text()))
                .onFailure(t -> balance.setText("Balance: " + t.getMessage()))
                .runOn(executor);
        HBox lockRow = new HBox(8, state);
        lockRow.setAlignment(Pos.CENTER_LEFT);
        if (unlocked) {
            Button lock = new Button("Lock");
            lock.setId(LOCK_ID + a.name());
            lock.setOnAction(e -> {
                wallet.lock(a.address());
                refresh();
            });
            lockRow.getChildren().add(lock);
        } else {
            PasswordField pw = new PasswordField();
            pw.setId(PASSWORD_ID + a.name());
            pw.setPromptText("Password");
            Button unlock = new Button("Unlock");
            unlock.setId(UNLOCK_ID + a.name());
            Runnable go = () -> {
                char[] password = pw.getText().toCharArray();
                pw.clear();
                run("Unlocking " + a.name(), ctx -> {
                    ctx.updateMessage("Deriving the key (scrypt)");
                    try {
                        wallet.unlock(a.address(), password);
                    } finally {
                        Secrets.wipe(password);
                    }
                    return a;
                }, x -> say("Unlocked " + a.name() + "; it locks itself when left idle."));
            };
            unlock.setOnAction(e -> go.run());
            pw.setOnAction(e -> go.run());
            lockRow.getChildren().addAll(pw, unlock);
        }
        Button export = new Button("Export keystore\u2026");
        export.setId(EXPORT_ID + a.name());
        export.setOnAction(e -> files.saveKeystore(window(), a.name() + "-" + a.address() + ".json").ifPresent(path ->
                run("Exporting " + a.name(), ctx -> {
                    wallet.exportKeystore(a.address(), path);
                    return path;
                }, p -> say("Exported the keystore of " + a.name() + " to " + p
                        + " (encrypted with the account's password)."))));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(10, name, source, gap, export);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox addressRow = new HBox(8, address, copy);
        addressRow.setAlignment(Pos.CENTER_LEFT);
        VBox text = new VBox(6, top, addressRow, lockRow, balance);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox card = new HBox(14, new IdenticonView(a.identicon(), 48), text);
        card.getStyleClass().add(StudioStyles.PANEL);
        card.setPadding(new javafx.geometry.Insets(12, 14, 12, 14));
        card.setId("wallet-account-" + a.name());
        return card;
    }

    private Window window() {
        return view.getScene() == null ? null : view.getScene().getWindow();
    }

    /** Stops the idle timer (the shell's shutdown, tests). */
    public void dispose() {
        idleTimer.stop();
    }
}
