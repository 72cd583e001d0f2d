package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.attribution.BenchmarkResult;
import dev.modelfactory.ledger.store.Workspace;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attest adapter}: a BenchmarkResult for an adapter. */
@Command(name = "adapter", mixinStandardHelpOptions = true,
        description = "Attest an adapter's benchmark result by the hashes of the adapter, the suite and the scores.")
public final class AttestAdapterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AttestSupport support;

    @Option(names = "--adapter", required = true, paramLabel = "HASH", description = "The adapter's hash.")
    private String adapter;

    @Option(names = "--suite-hash", required = true, paramLabel = "HASH", description = "Hash of the benchmark suite.")
    private String suiteHash;

    @Option(names = "--scores-hash", required = true, paramLabel = "HASH", description = "Hash of the scores.")
    private String scoresHash;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            return support.run(ws, evaluator -> List.of(new BenchmarkResult(adapter, suiteHash, scoresHash, evaluator)),
                    new Output(spec.commandLine().getOut(), root.json()), spec.commandLine().getErr());
        }
    }
}
