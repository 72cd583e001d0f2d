package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.attribution.Claim;
import dev.modelfactory.ledger.store.Workspace;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attest claim ID...}: the signing account claims records (by their ids) as its contributions. */
@Command(name = "claim", mixinStandardHelpOptions = true,
        description = "Claim records as yours: a Claim over their ids (the ids ledger list shows), signed by your account.")
public final class AttestClaimCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AttestSupport support;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "Record ids (0x + 64 hex digits).")
    private List<String> ids;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            return support.run(ws, contributor -> List.of(new Claim(contributor, ids)),
                    new Output(spec.commandLine().getOut(), root.json()), spec.commandLine().getErr());
        }
    }
}
