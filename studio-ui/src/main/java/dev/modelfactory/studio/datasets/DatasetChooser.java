package dev.modelfactory.studio.datasets;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks for a file or a folder to import, or where to export; the page's file dialogs, replaceable in tests. */
public interface DatasetChooser {

    /** A JSON, JSONL, CSV, TSV, .txt or .md file; empty when the user cancels. */
    Optional<Path> chooseFile(Window owner);

    /** A folder of .txt/.md files; empty when the user cancels. */
    Optional<Path> chooseFolder(Window owner);

    /** Where to write an export (the system's save dialog unless replaced); empty when the user cancels. */
    default Optional<Path> chooseExportTarget(Window owner, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the dataset");
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    /** The operating system's choosers. */
    static DatasetChooser system() {
        return new DatasetChooser() {
            @Override
            public Optional<Path> chooseFile(Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Import a dataset file");
                chooser.getExtensionFilters().addAll(
                        new FileChooser.ExtensionFilter("Datasets (*.json, *.jsonl, *.csv, *.tsv, *.txt, *.md)",
                                "*.json", "*.jsonl", "*.csv", "*.tsv", "*.txt", "*.md"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseFolder(Window owner) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle("Import a folder of .txt/.md files");
                return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
            }
        };
    }
}
