package dev.modelfactory.studio.models;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks the user for a folder or a model file; the page's only dialogs, replaceable in tests. */
public interface PathChooser {

    /** A folder (to search, or a Hugging Face model folder to import); empty when the user cancels. */
    Optional<Path> chooseFolder(String title, Window owner);

    /** A {@code .gguf} file; empty when the user cancels. */
    Optional<Path> chooseModelFile(String title, Window owner);

    /** The operating system's choosers. */
    static PathChooser system() {
        return new PathChooser() {
            @Override
            public Optional<Path> chooseFolder(String title, Window owner) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle(title);
                return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseModelFile(String title, Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                chooser.getExtensionFilters().addAll(
                        new FileChooser.ExtensionFilter("GGUF models (*.gguf)", "*.gguf"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
            }
        };
    }
}
