package dev.modelfactory.studio.wallet;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Mnemonic;
import dev.modelfactory.ledger.wallet.MnemonicConfirmation;
import dev.modelfactory.ledger.wallet.Secrets;
import dev.modelfactory.studio.ui.StudioStyles;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The create-wallet flow: name and word count; the new words, shown once; re-entering three words the
 * wallet picks ({@link MnemonicConfirmation}); the password. Only then is the mnemonic stored, in a
 * background task (scrypt). Leaving the flow forgets the words.
 */
final class CreateWalletPane extends VBox {

    static final String ID = "wallet-create";
    static final String NAME_ID = "wallet-create-name";
    static final String WORDS_ID = "wallet-create-words";
    static final String GENERATE_ID = "wallet-create-generate";
    static final String WORD_ID_PREFIX = "wallet-create-word-";
    static final String WROTE_ID = "wallet-create-wrote";
    static final String CONFIRM_ID_PREFIX = "wallet-create-confirm-";
    static final String CHECK_ID = "wallet-create-check";
    static final String PASSWORD_ID = "wallet-create-password";
    static final String REPEAT_ID = "wallet-create-repeat";
    static final String FINISH_ID = "wallet-create-finish";
    static final String ERROR_ID = "wallet-create-error";
    static final String CANCEL_ID = "wallet-create-cancel";
    /** How many words the user re-enters. */
    static final int CONFIRM_WORDS = 3;

    /** Stores the mnemonic with the account's name and password (the page runs it as a background task). */
    interface Finisher {
        void finish(Mnemonic mnemonic, String name, char[] password, Consumer<Account> done);
    }

    private final WalletAccess wallet;
    private final Finisher finisher;
    private final Runnable close;
    private final Label error = new Label();
    private Mnemonic mnemonic;
    private String name;

    CreateWalletPane(WalletAccess wallet, Finisher finisher, Runnable close) {
        this.wallet = wallet;
        this.finisher = finisher;
        this.close = close;
        setId(ID);
        getStyleClass().add(StudioStyles.PANEL);
        setPadding(new javafx.geometry.Insets(12, 14, 12, 14));
        setSpacing(10);
        error.setId(ERROR_ID);
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        stepChoose();
    }

    private void show(String title, javafx.scene.Node... content) {
        Label head = new Label(title);
        head.getStyleClass().add(Styles.TITLE_4);
        Button cancel = new Button("Cancel");
        cancel.setId(CANCEL_ID);
        cancel.setOnAction(e -> {
            mnemonic = null;
            close.run();
        });
        error.setText("");
        getChildren().setAll(head);
        getChildren().addAll(content);
        getChildren().addAll(error, new HBox(8, cancel));
    }

    private void stepChoose() {
        TextField nameField = new TextField("main");
        nameField.setId(NAME_ID);
        ChoiceBox<Integer> words = new ChoiceBox<>();
        words.setId(WORDS_ID);
        words.getItems().addAll(12, 24);
        words.setValue(12);
        Button generate = new Button("Generate words");
        generate.setId(GENERATE_ID);
        generate.getStyleClass().add(Styles.ACCENT);
        generate.setOnAction(e -> {
            if (nameField.getText().isBlank()) {
                error.setText("Name the first account.");
                return;
            }
            name = nameField.getText().strip();
            mnemonic = wallet.newMnemonic(words.getValue());
            stepWords();
        });
        show("Create a wallet", new Label("The wallet's first account:"), nameField,
                new HBox(8, new Label("Recovery phrase length"), words), generate);
    }

    private void stepWords() {
        GridPane grid = new GridPane(18, 8);
        List<String> w = mnemonic.words();
        int columns = 4;
        for (int i = 0; i < w.size(); i++) {
            Label word = new Label((i + 1) + ". " + w.get(i));
            word.setId(WORD_ID_PREFIX + (i + 1));
            word.getStyleClass().add(StudioStyles.MONOSPACE);
            grid.add(word, i % columns, i / columns);
        }
        Button wrote = new Button("I have written them down");
        wrote.setId(WROTE_ID);
        wrote.getStyleClass().add(Styles.ACCENT);
        wrote.setOnAction(e -> stepConfirm(MnemonicConfirmation.challenge(mnemonic, CONFIRM_WORDS, new SecureRandom())));
        Label warn = new Label("Write these " + w.size() + " words down, in order, and keep them offline. They are "
                + "shown only now; anyone who has them owns every account of this wallet.");
        warn.setWrapText(true);
        warn.getStyleClass().add(Styles.WARNING);
        show("Your recovery phrase", warn, grid, wrote);
    }

    private void stepConfirm(MnemonicConfirmation challenge) {
        GridPane grid = new GridPane(12, 8);
        List<TextField> answers = new ArrayList<>();
        for (int i = 0; i < challenge.positions().size(); i++) {
            TextField f = new TextField();
            f.setId(CONFIRM_ID_PREFIX + i);
            f.setPromptText("word #" + challenge.positions().get(i));
            answers.add(f);
            grid.addRow(i, new Label("Word #" + challenge.positions().get(i)), f);
        }
        Button check = new Button("Confirm");
        check.setId(CHECK_ID);
        check.getStyleClass().add(Styles.ACCENT);
        check.setOnAction(e -> {
            List<Integer> wrong = challenge.wrongPositions(answers.stream()
                    .map(f -> f.getText().strip().toLowerCase(java.util.Locale.ROOT)).toList());
            if (!wrong.isEmpty()) {
                error.setText((wrong.size() == 1 ? "Word #" + wrong.getFirst() + " does not match"
                        : "Words " + wrong.stream().map(p -> "#" + p).toList() + " do not match")
                        + " the recovery phrase. Check what you wrote down.");
                return;
            }
            stepPassword();
        });
        show("Confirm the recovery phrase", new Label("Enter these words from what you wrote down:"), grid, check);
    }

    private void stepPassword() {
        PasswordField pw = new PasswordField();
        pw.setId(PASSWORD_ID);
        pw.setPromptText("Password (at least 8 characters)");
        PasswordField repeat = new PasswordField();
        repeat.setId(REPEAT_ID);
        repeat.setPromptText("Repeat the password");
        Button finish = new Button("Create wallet");
        finish.setId(FINISH_ID);
        finish.getStyleClass().add(Styles.ACCENT);
        finish.setOnAction(e -> {
            char[] a = pw.getText().toCharArray();
            char[] b = repeat.getText().toCharArray();
            pw.clear();
            repeat.clear();
            try {
                if (a.length < 8) {
                    error.setText("The password needs at least 8 characters.");
                    return;
                }
                if (!Arrays.equals(a, b)) {
                    error.setText("The two passwords differ.");
                    return;
                }
            } finally {
                Secrets.wipe(b);
            }
            finish.setDisable(true);
            Mnemonic m = mnemonic;
            mnemonic = null;
            finisher.finish(m, name, a, account -> close.run());
        });
        show("Protect the wallet", new Label("The password encrypts the recovery phrase and the account's key "
                + "in this workspace (scrypt; unlocking takes a few seconds)."), pw, repeat, finish);
    }
}
