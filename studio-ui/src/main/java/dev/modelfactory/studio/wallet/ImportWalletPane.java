package dev.modelfactory.studio.wallet;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Mnemonic;
import dev.modelfactory.ledger.wallet.Secrets;
import dev.modelfactory.studio.ui.StudioStyles;
import dev.modelfactory.studio.task.Work;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Import an account: a recovery phrase (12/24 words), a raw private key (64 hex digits) or a keystore v3
 * file with its password; the account is then encrypted under the wallet password given here. The work
 * (scrypt) runs as a background task through {@code runner}.
 */
final class ImportWalletPane extends VBox {

    static final String ID = "wallet-import";
    static final String KIND_ID = "wallet-import-kind";
    static final String NAME_ID = "wallet-import-name";
    static final String SECRET_ID = "wallet-import-secret";
    static final String FILE_ID = "wallet-import-file";
    static final String FILE_PASSWORD_ID = "wallet-import-file-password";
    static final String PASSWORD_ID = "wallet-import-password";
    static final String REPEAT_ID = "wallet-import-repeat";
    static final String IMPORT_ID = "wallet-import-go";
    static final String ERROR_ID = "wallet-import-error";

    static final String MNEMONIC = "Recovery phrase";
    static final String PRIVATE_KEY = "Private key";
    static final String KEYSTORE = "Keystore file";

    /** Runs the import off the FX thread; closes the pane on success. */
    interface Runner {
        void run(String title, Work<Account> work, Runnable onSuccess);
    }

    private final Label error = new Label();
    private Path keystore;

    ImportWalletPane(WalletAccess wallet, WalletFiles files, Supplier<Window> owner, Runner runner, Runnable close) {
        setId(ID);
        setSpacing(10);
        getStyleClass().add(StudioStyles.PANEL);
        setPadding(new javafx.geometry.Insets(12, 14, 12, 14));
        Label head = new Label("Import an account");
        head.getStyleClass().add(Styles.TITLE_4);
        ChoiceBox<String> kind = new ChoiceBox<>();
        kind.setId(KIND_ID);
        kind.getItems().addAll(wallet.hasMnemonic() ? new String[] {PRIVATE_KEY, KEYSTORE}
                : new String[] {MNEMONIC, PRIVATE_KEY, KEYSTORE});
        kind.setValue(kind.getItems().getFirst());
        TextField name = new TextField();
        name.setId(NAME_ID);
        name.setPromptText("Account name");
        TextArea secret = new TextArea();
        secret.setId(SECRET_ID);
        secret.setPrefRowCount(2);
        secret.setWrapText(true);
        Button file = new Button("Choose keystore file\u2026");
        file.setId(FILE_ID);
        Label fileName = new Label();
        file.setOnAction(e -> files.openKeystore(owner.get()).ifPresent(p -> {
            keystore = p;
            fileName.setText(p.getFileName().toString());
        }));
        PasswordField filePassword = new PasswordField();
        filePassword.setId(FILE_PASSWORD_ID);
        filePassword.setPromptText("The keystore file's password");
        HBox fileRow = new HBox(8, file, fileName);
        Runnable layout = () -> {
            boolean ks = KEYSTORE.equals(kind.getValue());
            secret.setPromptText(MNEMONIC.equals(kind.getValue()) ? "The 12 or 24 words, separated by spaces"
                    : "64 hex digits (0x optional)");
            for (javafx.scene.Node n : new javafx.scene.Node[] {fileRow, filePassword}) {
                n.setVisible(ks);
                n.setManaged(ks);
            }
            secret.setVisible(!ks);
            secret.setManaged(!ks);
        };
        kind.valueProperty().addListener((o, a, b) -> layout.run());
        layout.run();
        PasswordField pw = new PasswordField();
        pw.setId(PASSWORD_ID);
        pw.setPromptText("Wallet password for this account (at least 8 characters)");
        PasswordField repeat = new PasswordField();
        repeat.setId(REPEAT_ID);
        repeat.setPromptText("Repeat the password");
        error.setId(ERROR_ID);
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        Button go = new Button("Import");
        go.setId(IMPORT_ID);
        go.getStyleClass().add(Styles.ACCENT);
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> close.run());
        go.setOnAction(e -> {
            error.setText("");
            String accountName = name.getText().strip();
            char[] password = pw.getText().toCharArray();
            char[] again = repeat.getText().toCharArray();
            char[] secretChars = secret.getText().strip().toCharArray();
            char[] filePw = filePassword.getText().toCharArray();
            pw.clear();
            repeat.clear();
            secret.clear();
            filePassword.clear();
            Optional<String> problem = accountName.isEmpty() ? Optional.of("Name the account.")
                    : password.length < 8 ? Optional.of("The password needs at least 8 characters.")
                    : !Arrays.equals(password, again) ? Optional.of("The two passwords differ.")
                    : KEYSTORE.equals(kind.getValue()) && keystore == null ? Optional.of("Choose the keystore file.")
                    : !KEYSTORE.equals(kind.getValue()) && secretChars.length == 0
                            ? Optional.of("Enter the " + kind.getValue().toLowerCase() + ".") : Optional.empty();
            Secrets.wipe(again);
            if (problem.isPresent()) {
                error.setText(problem.get());
                Secrets.wipe(password);
                Secrets.wipe(secretChars);
                Secrets.wipe(filePw);
                return;
            }
            String what = kind.getValue();
            Path file0 = keystore;
            runner.run("Importing account " + accountName, ctx -> {
                ctx.updateMessage("Encrypting the key (scrypt)");
                try {
                    return switch (what) {
                        case MNEMONIC -> wallet.addMnemonic(Mnemonic.parse(new String(secretChars)), accountName, password);
                        case PRIVATE_KEY -> wallet.importPrivateKey(parseKey(secretChars), accountName, password);
                        default -> wallet.importKeystore(Files.readString(file0), filePw, accountName, password);
                    };
                } finally {
                    Secrets.wipe(password);
                    Secrets.wipe(secretChars);
                    Secrets.wipe(filePw);
                }
            }, close);
        });
        getChildren().addAll(head, new HBox(8, new Label("Import from"), kind), name, secret, fileRow, filePassword,
                pw, repeat, error, new HBox(8, cancel, go));
    }

    /** 64 hex digits, {@code 0x} optional, as 32 bytes; the message never repeats the input. */
    static byte[] parseKey(char[] text) {
        String s = new String(text);
        String digits = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (digits.length() != 64) {
            throw new IllegalArgumentException("a private key is 64 hex digits, got " + digits.length() + " characters");
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a private key is hex digits only (0-9, a-f)");
        }
    }
}
