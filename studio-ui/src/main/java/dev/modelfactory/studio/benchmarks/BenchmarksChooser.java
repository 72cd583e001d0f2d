package dev.modelfactory.studio.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The Benchmarks page's file dialogs (a suite JSONL to import, report files to write); replaceable in tests. */
public interface BenchmarksChooser {

    Optional<Path> suiteFile(Window owner);

    Optional<Path> htmlReport(Window owner, String suggestedName);

    Optional<Path> csvReport(Window owner, String suggestedName);

    /** The operating system's choosers. */
    static BenchmarksChooser system() {
        return new BenchmarksChooser() {
            @Override
            public Optional<Path> suiteFile(Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Import a suite from JSONL");
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON Lines (*.jsonl)", "*.jsonl"));
                return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> htmlReport(Window owner, String suggestedName) {
                return save(owner, "Export the comparison as HTML", suggestedName + ".html",
                        new FileChooser.ExtensionFilter("HTML (*.html)", "*.html"));
            }

            @Override
            public Optional<Path> csvReport(Window owner, String suggestedName) {
                return save(owner, "Export every output as CSV", suggestedName + ".csv",
                        new FileChooser.ExtensionFilter("CSV (*.csv)", "*.csv"));
            }

            private Optional<Path> save(Window owner, String title, String name, FileChooser.ExtensionFilter f) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                chooser.setInitialFileName(name);
                chooser.getExtensionFilters().add(f);
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }
        };
    }
}
