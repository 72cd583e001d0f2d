package dev.modelfactory.studio.training;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks where to save or what to open; replaceable in tests. */
public interface SaveChooser {

    /** A file to write; empty when the user cancels. */
    Optional<Path> saveFile(String title, String suggestedName, Window owner);

    /** A file to read; empty when the user cancels. */
    Optional<Path> openFile(String title, Window owner);

    static SaveChooser system() {
        return new SaveChooser() {
            @Override
            public Optional<Path> saveFile(String title, String suggestedName, Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                chooser.setInitialFileName(suggestedName);
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> openFile(String title, Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
            }
        };
    }
}
