package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.attribution.OutputAttribution;
import dev.modelfactory.ledger.store.Workspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attest output}: an OutputAttribution with contributor shares in basis points. */
@Command(name = "output", mixinStandardHelpOptions = true,
        description = "Attest who gets credit for a model output: --share CONTRIBUTOR=BPS, shares summing to 10000.")
public final class AttestOutputCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AttestSupport support;

    @Option(names = "--output-hash", required = true, paramLabel = "HASH", description = "Hash of the output.")
    private String outputHash;

    @Option(names = "--adapter", required = true, paramLabel = "HASH", description = "The adapter that produced it.")
    private String adapter;

    @Option(names = "--share", required = true, paramLabel = "CONTRIBUTOR=BPS", description = "A contributor's share (repeat).")
    private List<String> shares;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        List<OutputAttribution.Share> parsed = new ArrayList<>();
        for (String s : shares) {
            int eq = s.lastIndexOf('=');
            try {
                parsed.add(new OutputAttribution.Share(s.substring(0, Math.max(eq, 0)), Integer.parseInt(s.substring(eq + 1))));
            } catch (RuntimeException e) {
                throw new BadInputException("--share " + s + ": expected CONTRIBUTOR=BPS with BPS 1..10000", e);
            }
        }
        try (Workspace ws = WorkspaceCommands.open(root)) {
            return support.run(ws, attester -> List.of(new OutputAttribution(outputHash, adapter, parsed, attester)),
                    new Output(spec.commandLine().getOut(), root.json()), spec.commandLine().getErr());
        }
    }
}
