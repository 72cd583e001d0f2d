package dev.modelfactory.app.cli.dataset;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory dataset redo NAME}: redoes the oldest undone operation. */
@Command(name = "redo", mixinStandardHelpOptions = true,
        description = "Redo the operation undone last (until a new operation drops it).")
public final class DatasetRedoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    private String name;

    @Override
    public Integer call() throws IOException {
        return HistoryCommands.step(spec, name, false);
    }
}
