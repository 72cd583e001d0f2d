package dev.modelfactory.studio.wallet;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.ui.StudioStyles;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Derive the next account from the wallet's recovery phrase: a name and the wallet password. */
final class AddAccountPane extends VBox {

    static final String ID = "wallet-add";
    static final String NAME_ID = "wallet-add-name";
    static final String PASSWORD_ID = "wallet-add-password";
    static final String GO_ID = "wallet-add-go";

    /** Receives the name and the password (which it wipes). */
    interface Adder {
        void add(String name, char[] password);
    }

    AddAccountPane(Adder adder, Runnable close) {
        setId(ID);
        setSpacing(10);
        getStyleClass().add(StudioStyles.PANEL);
        setPadding(new javafx.geometry.Insets(12, 14, 12, 14));
        Label head = new Label("Add an account");
        head.getStyleClass().add(Styles.TITLE_4);
        TextField name = new TextField();
        name.setId(NAME_ID);
        name.setPromptText("Account name");
        PasswordField pw = new PasswordField();
        pw.setId(PASSWORD_ID);
        pw.setPromptText("Wallet password (opens the recovery phrase)");
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        Button go = new Button("Add account");
        go.setId(GO_ID);
        go.getStyleClass().add(Styles.ACCENT);
        go.setOnAction(e -> {
            if (name.getText().isBlank()) {
                error.setText("Name the account.");
                return;
            }
            char[] password = pw.getText().toCharArray();
            pw.clear();
            adder.add(name.getText().strip(), password);
        });
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> close.run());
        getChildren().addAll(head, new Label("The next account derived from the recovery phrase (m/44'/60'/0'/0/n)."),
                name, pw, error, new HBox(8, cancel, go));
    }
}
