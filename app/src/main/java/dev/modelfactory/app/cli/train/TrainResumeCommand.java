package dev.modelfactory.app.cli.train;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.ledger.store.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory train resume RUN}: continue an interrupted or stopped run from its last checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue an INTERRUPTED, STOPPED or FAILED run from its last checkpoint with its own model,"
                + " dataset version and config; it ends where an uninterrupted run would have.")
public final class TrainResumeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id (see the train command's output).")
    private long runId;

    @Override
    public Integer call() throws Exception {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            TrainingService service = new TrainingService(ws);
            try {
                var handle = service.resume(runId, new TrainProgressLines(spec.commandLine().getErr()));
                return TrainRunner.runToEnd(handle, null, new Output(spec.commandLine().getOut(), root.json()));
            } catch (TrainingInputException e) {
                throw new BadInputException(e.getMessage(), e);
            }
        }
    }
}
