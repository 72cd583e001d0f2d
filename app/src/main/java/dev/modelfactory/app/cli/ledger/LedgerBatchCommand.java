package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.log.StoredBatch;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ledger batch}: seal the entries since the last batch under a Merkle root. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Seal the entries after the last batch into a new batch and print its Merkle root (bytes32).")
public final class LedgerBatchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            Optional<StoredBatch> b = AttestSupport.log(ws).sealBatch();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("sealed", b.isPresent());
            b.ifPresent(x -> {
                json.put("firstSeq", x.firstSeq());
                json.put("lastSeq", x.lastSeq());
                json.put("root", x.root());
            });
            new Output(spec.commandLine().getOut(), root.json()).result(json, b.map(x -> "Batch " + x.firstSeq() + ".."
                    + x.lastSeq() + " root " + x.root()).orElse("No new entries to batch."));
            return ExitCodes.OK;
        }
    }
}
