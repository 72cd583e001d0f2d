package dev.modelfactory.app.cli.dataset;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory dataset undo NAME}: undoes the newest curation operation. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Undo the dataset's newest curation operation (dedupe, split, edit, tag, status, delete).")
public final class DatasetUndoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    private String name;

    @Override
    public Integer call() throws IOException {
        return HistoryCommands.step(spec, name, true);
    }
}
