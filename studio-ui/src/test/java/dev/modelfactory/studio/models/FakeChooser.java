package dev.modelfactory.studio.models;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** Answers every chooser with the path the test set (null: the user cancelled). */
final class FakeChooser implements PathChooser {

    volatile Path answer;

    @Override
    public Optional<Path> chooseFolder(String title, Window owner) {
        return Optional.ofNullable(answer);
    }

    @Override
    public Optional<Path> chooseModelFile(String title, Window owner) {
        return Optional.ofNullable(answer);
    }
}
