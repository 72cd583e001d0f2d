package dev.modelfactory.studio.wallet;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The RPC URL and chain id balances are read from; saved into the workspace's settings. */
final class NetworkPane extends VBox {

    static final String URL_ID = "wallet-rpc-url";
    static final String CHAIN_ID = "wallet-rpc-chain";
    static final String SAVE_ID = "wallet-rpc-save";

    NetworkPane(WalletAccess wallet, Runnable saved, Consumer<String> say) {
        setSpacing(8);
        getStyleClass().add(StudioStyles.PANEL);
        setPadding(new javafx.geometry.Insets(12, 14, 12, 14));
        TextField url = new TextField();
        url.setId(URL_ID);
        url.setPromptText("http://127.0.0.1:8545");
        url.setPrefColumnCount(32);
        TextField chain = new TextField();
        chain.setId(CHAIN_ID);
        chain.setPromptText("chain id");
        chain.setPrefColumnCount(8);
        wallet.network().ifPresent(n -> {
            url.setText(n.rpcUrl());
            chain.setText(Long.toString(n.chainId()));
        });
        Label error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        Button save = new Button("Save");
        save.setId(SAVE_ID);
        save.setOnAction(e -> {
            error.setText("");
            try {
                long id = Long.parseLong(chain.getText().strip());
                wallet.setNetwork(new Network(url.getText().strip(), id));
                say.accept("Saved the RPC endpoint (chain " + id + ").");
                saved.run();
            } catch (NumberFormatException ex) {
                error.setText("The chain id is a whole number, e.g. 1 (Ethereum) or 1337 (a local dev chain).");
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
            }
        });
        HBox row = new HBox(8, new Label("RPC URL"), url, new Label("Chain id"), chain, save);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(row, error);
    }
}
