package dev.modelfactory.app.cli;

import dev.modelfactory.app.firstrun.FirstRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code modelfactory}: the root of the command line. Holds the options every command shares; they may
 * stand before or after the subcommand name ({@code modelfactory --json doctor} = {@code modelfactory
 * doctor --json}).
 */
@Command(name = "modelfactory",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "ModelFactory Studio: curate datasets, fine-tune LoRA adapters on a local engine, compare and "
                    + "hot-swap them, and keep every contributor's part as signed attribution records.",
            "",
            "With no command (no arguments, or only --workspace) ./modelfactory opens the studio."},
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 bad usage or bad input."},
        subcommands = {StudioCommand.class, DoctorCommand.class, ModelCommand.class, GenerateCommand.class,
            dev.modelfactory.app.cli.wallet.WalletCommand.class, dev.modelfactory.app.cli.ledger.AttestCommand.class,
            dev.modelfactory.app.cli.ledger.LedgerCommand.class, dev.modelfactory.app.cli.dataset.DatasetCommand.class,
            dev.modelfactory.app.cli.train.TrainCommand.class, dev.modelfactory.app.cli.adapter.AdapterCommand.class,
            dev.modelfactory.app.cli.starter.StarterCommand.class, ServeCommand.class,
            dev.modelfactory.app.cli.eval.EvalCommand.class,
            dev.modelfactory.app.cli.pipeline.PipelineCommand.class},
        scope = ScopeType.INHERIT)
public final class RootCommand implements Callable<Integer> {

    @Option(names = "--workspace", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Workspace folder (default: $MODELFACTORY_HOME, else the user data folder).")
    private Path workspace;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the result as JSON on stdout (progress and messages go to stderr).")
    private boolean json;

    /**
     * The folder given with {@code --workspace}, else (when {@code MODELFACTORY_HOME} is unset) the one the user
     * picked on the first-run welcome; empty means the platform default.
     */
    public Optional<Path> workspace() {
        return FirstRun.workspace(Optional.ofNullable(workspace), System.getenv(), FirstRun.rememberedForCurrentUser());
    }

    public boolean json() {
        return json;
    }

    /** No command given: open the studio, as {@code modelfactory studio} would. */
    @Override
    public Integer call() throws IOException {
        if (json) {
            throw new BadInputException("--json needs a command; see modelfactory --help");
        }
        return StudioCommand.openStudio(this);
    }
}
