package dev.modelfactory.studio.wallet;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.attribution.DisplayField;
import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Secrets;
import dev.modelfactory.ledger.wallet.WrongPasswordException;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The modal dialog behind every signature: the record's decoded fields (domain first, nested structs
 * indented), the signer, and Sign / Cancel. The signature is made only in Sign's handler; when the
 * account is locked the dialog asks for its password and unlocks in a background task (scrypt takes
 * seconds) before signing. It does not block the caller: the answer comes through the callback.
 */
public final class SigningDialog implements SignatureRequests {

    public static final String DIALOG_ID = "signing-dialog";
    public static final String SIGN_ID = "signing-sign";
    public static final String CANCEL_ID = "signing-cancel";
    public static final String PASSWORD_ID = "signing-password";
    public static final String FIELDS_ID = "signing-fields";
    public static final String ERROR_ID = "signing-error";

    private final WalletAccess wallet;
    private final TaskExecutor executor;
    private final Supplier<Window> owner;

    public SigningDialog(WalletAccess wallet, TaskExecutor executor, Supplier<Window> owner) {
        this.wallet = Objects.requireNonNull(wallet, "wallet");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public void request(TypedData data, String signerAddress, Consumer<Optional<Signature>> answer) {
        new Request(data, signerAddress, answer).show();
    }

    /** The label of a display path: its last segment, indented one step per level below the top. */
    static String fieldLabel(String path) {
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '.' || c == '[') {
                depth++;
            }
        }
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        String last = cut < 0 ? path : path.substring(path.charAt(cut) == '.' ? cut + 1 : cut);
        return "    ".repeat(Math.max(0, depth - 1)) + last;
    }

    /** One dialog: answers exactly once. */
    private final class Request {
        private final TypedData data;
        private final Account account;
        private final Consumer<Optional<Signature>> answer;
        private final Stage stage = new Stage();
        private final PasswordField password = new PasswordField();
        private final Label error = new Label();
        private final ProgressBar progress = new ProgressBar(-1);
        private final Button sign = new Button("Sign");
        private final Button cancel = new Button("Cancel");
        private boolean answered;

        Request(TypedData data, String signerAddress, Consumer<Optional<Signature>> answer) {
            this.data = data;
            this.account = wallet.accounts().stream().filter(a -> a.address().equalsIgnoreCase(signerAddress))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "the wallet has no account " + signerAddress + " to sign with"));
            this.answer = answer;
        }

        void show() {
            boolean locked = !wallet.isUnlocked(account.address());
            Label title = new Label("Sign a " + data.primaryType() + " record");
            title.getStyleClass().add(Styles.TITLE_3);
            Label intro = new Label("Check what you sign. Nothing is signed until you press Sign.");
            intro.getStyleClass().add(Styles.TEXT_MUTED);
            HBox signer = new HBox(10, new IdenticonView(account.identicon(), 28),
                    new VBox(2, new Label("Signer: " + account.name()), mono(account.address())));
            signer.setAlignment(Pos.CENTER_LEFT);

            ScrollPane fields = new ScrollPane(fieldGrid(data.displayFields()));
            fields.setId(FIELDS_ID);
            fields.setFitToWidth(true);
            fields.setPrefViewportHeight(300);
            VBox.setVgrow(fields, Priority.ALWAYS);

            password.setId(PASSWORD_ID);
            password.setPromptText("Password of " + account.name());
            VBox unlock = new VBox(4, new Label("The account is locked: its password unlocks it for this signature."),
                    password);
            unlock.setVisible(locked);
            unlock.setManaged(locked);
            error.setId(ERROR_ID);
            error.getStyleClass().add(Styles.DANGER);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
            error.setWrapText(true);
            progress.setMaxWidth(Double.MAX_VALUE);
            progress.setVisible(false);
            progress.setManaged(false);

            sign.setId(SIGN_ID);
            sign.setDefaultButton(true);
            sign.getStyleClass().add(Styles.ACCENT);
            sign.setOnAction(e -> onSign());
            cancel.setId(CANCEL_ID);
            cancel.setCancelButton(true);
            cancel.setOnAction(e -> finish(Optional.empty()));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox buttons = new HBox(8, gap, cancel, sign);

            VBox root = new VBox(12, title, intro, signer, fields, unlock, progress, error, buttons);
            root.setId(DIALOG_ID);
            root.setPadding(new Insets(20));
            root.setPrefWidth(640);
            Scene scene = new Scene(root);
            Window parent = owner.get();
            if (parent != null) {
                stage.initOwner(parent);
                stage.initModality(Modality.WINDOW_MODAL);
                scene.getStylesheets().addAll(parent.getScene() == null ? List.of()
                        : parent.getScene().getStylesheets());
                if (parent.getScene() != null && parent.getScene().getRoot() != null) {
                    root.getStyleClass().addAll(parent.getScene().getRoot().getStyleClass());
                }
            } else {
                stage.initModality(Modality.APPLICATION_MODAL);
            }
            stage.setTitle("Sign " + data.primaryType());
            stage.setScene(scene);
            stage.setOnHidden(e -> finish(Optional.empty()));
            stage.show();
            (locked ? password : sign).requestFocus();
        }

        /** The domain's four members (absent ones shown as such), then the message's fields, nested ones indented. */
        private GridPane fieldGrid(List<DisplayField> list) {
            GridPane grid = new GridPane(16, 4);
            int row = 0;
            grid.add(heading("Domain", false), 0, row++, 3, 1);
            for (String member : List.of("name", "version", "chainId", "verifyingContract")) {
                var node = data.domain().get(member);
                String value = node == null || node.isNull() ? "(not set)" : node.isString() ? node.stringValue()
                        : node.toString();
                Label name = new Label(member);
                name.getStyleClass().add(StudioStyles.MONOSPACE);
                name.setMinWidth(Region.USE_PREF_SIZE);
                grid.addRow(row++, name, new Label(""), mono(value));
            }
            grid.add(heading("Message (" + data.primaryType() + ")", true), 0, row++, 3, 1);
            for (DisplayField f : list) {
                if (!f.path().startsWith("message")) {
                    continue;
                }
                Label name = new Label(fieldLabel(f.path()));
                name.getStyleClass().add(StudioStyles.MONOSPACE);
                name.setMinWidth(Region.USE_PREF_SIZE);
                Label type = new Label(f.type());
                type.setMinWidth(Region.USE_PREF_SIZE);
                type.getStyleClass().add(Styles.TEXT_MUTED);
                Label value = mono(f.value());
                value.setWrapText(true);
                grid.addRow(row++, name, type, value);
            }
            return grid;
        }

        private Label heading(String text, boolean gapAbove) {
            Label head = new Label(text);
            head.getStyleClass().add(Styles.TEXT_BOLD);
            if (gapAbove) {
                head.setPadding(new Insets(8, 0, 0, 0));
            }
            return head;
        }

        private void onSign() {
            error.setText("");
            if (wallet.isUnlocked(account.address())) {
                signNow();
                return;
            }
            char[] pw = password.getText().toCharArray();
            password.clear();
            if (pw.length == 0) {
                error.setText("Enter the password of " + account.name() + " to sign.");
                return;
            }
            busy(true);
            BackgroundTask.of("Unlocking " + account.name(), ctx -> {
                ctx.updateMessage("Deriving the key (scrypt)");
                try {
                    wallet.unlock(account.address(), pw);
                } finally {
                    Secrets.wipe(pw);
                }
                return Boolean.TRUE;
            }).onSuccess(ok -> {
                busy(false);
                signNow();
            }).onFailure(t -> {
                busy(false);
                error.setText(t instanceof WrongPasswordException ? "Wrong password for " + account.name()
                        + ": nothing was signed." : "Could not unlock " + account.name() + ": " + t.getMessage());
                password.requestFocus();
            }).runOn(executor);
        }

        private void signNow() {
            try {
                Signature s = wallet.signer(account.address()).signTypedData(data);
                finish(Optional.of(s));
            } catch (RuntimeException e) {
                error.setText("Could not sign: " + e.getMessage());
            }
        }

        private void busy(boolean on) {
            progress.setVisible(on);
            progress.setManaged(on);
            sign.setDisable(on);
            password.setDisable(on);
        }

        private void finish(Optional<Signature> result) {
            if (answered) {
                return;
            }
            answered = true;
            stage.hide();
            answer.accept(result);
        }
    }

    private static Label mono(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(StudioStyles.MONOSPACE);
        return l;
    }
}
