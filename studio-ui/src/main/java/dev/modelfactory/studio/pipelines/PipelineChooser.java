package dev.modelfactory.studio.pipelines;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The Pipelines page's file dialog (a pipeline YAML to add); replaceable in tests. */
@FunctionalInterface
public interface PipelineChooser {

    Optional<Path> pipelineFile(Window owner);

    /** The operating system's chooser. */
    static PipelineChooser system() {
        return owner -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Add a pipeline");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pipeline YAML (*.yaml, *.yml)",
                    "*.yaml", "*.yml"));
            return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
        };
    }
}
