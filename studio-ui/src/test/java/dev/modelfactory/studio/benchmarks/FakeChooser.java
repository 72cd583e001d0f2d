package dev.modelfactory.studio.benchmarks;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** Answers the page's file dialogs with fixed paths (null: the user cancelled). */
final class FakeChooser implements BenchmarksChooser {

    Path suite;
    Path html;
    Path csv;

    @Override
    public Optional<Path> suiteFile(Window owner) {
        return Optional.ofNullable(suite);
    }

    @Override
    public Optional<Path> htmlReport(Window owner, String suggestedName) {
        return Optional.ofNullable(html);
    }

    @Override
    public Optional<Path> csvReport(Window owner, String suggestedName) {
        return Optional.ofNullable(csv);
    }
}
