package dev.modelfactory.studio.wallet;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The file choosers of the Wallet page (a seam: tests answer without a native dialog). */
public interface WalletFiles {

    /** A keystore JSON file to import. */
    Optional<Path> openKeystore(Window owner);

    /** Where to export an account's keystore, proposed as {@code suggestedName}. */
    Optional<Path> saveKeystore(Window owner, String suggestedName);

    /** The system's file choosers. */
    static WalletFiles system() {
        return new WalletFiles() {
            @Override
            public Optional<Path> openKeystore(Window owner) {
                FileChooser c = new FileChooser();
                c.setTitle("Import a keystore file");
                c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Keystore JSON", "*.json", "UTC--*"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                return Optional.ofNullable(c.showOpenDialog(owner)).map(java.io.File::toPath);
            }

            @Override
            public Optional<Path> saveKeystore(Window owner, String suggestedName) {
                FileChooser c = new FileChooser();
                c.setTitle("Export the keystore (encrypted with the account's password)");
                c.setInitialFileName(suggestedName);
                return Optional.ofNullable(c.showSaveDialog(owner)).map(java.io.File::toPath);
            }
        };
    }
}
