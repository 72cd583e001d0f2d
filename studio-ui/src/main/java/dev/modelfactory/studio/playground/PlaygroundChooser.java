package dev.modelfactory.studio.playground;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The playground's dialogs (a PEFT folder to add, a JSONL file to export to); replaceable in tests. */
public interface PlaygroundChooser {

    Optional<Path> adapterFolder(Window owner);

    Optional<Path> exportFile(Window owner);

    /** The operating system's choosers. */
    static PlaygroundChooser system() {
        return new PlaygroundChooser() {
            @Override
            public Optional<Path> adapterFolder(Window owner) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle("Add a PEFT adapter folder");
                return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> exportFile(Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Export the conversations as JSONL");
                chooser.setInitialFileName("playground.jsonl");
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON Lines (*.jsonl)", "*.jsonl"));
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }
        };
    }
}
