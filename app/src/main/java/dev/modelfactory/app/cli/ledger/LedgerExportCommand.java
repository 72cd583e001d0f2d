package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.cli.wallet.WalletCli;
import dev.modelfactory.ledger.log.Bundles;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ledger export FILE}: a bundle (entries + Merkle proofs) another workspace verifies offline. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a bundle of entries with their Merkle root and proofs (JSON) for offline verification.")
public final class LedgerExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The bundle to write (atomically).")
    private Path file;

    @Option(names = "--from", paramLabel = "SEQ", description = "First entry (default 1).")
    private long from = 1;

    @Option(names = "--to", paramLabel = "SEQ", description = "Last entry (default: the last).")
    private Long to;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            LedgerLog log = AttestSupport.log(ws);
            long last = to == null ? log.size() : to;
            if (log.size() == 0) {
                throw new BadInputException("the ledger is empty: nothing to export");
            }
            String bundle;
            try {
                bundle = Bundles.export(log, from, last);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            WalletCli.writeAtomically(file, bundle);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", file.toAbsolutePath().toString());
            json.put("firstSeq", from);
            json.put("lastSeq", last);
            json.put("root", log.batch(from, last).root());
            new Output(spec.commandLine().getOut(), root.json()).result(json,
                    "Exported entries " + from + ".." + last + " to " + file + " (root " + json.get("root") + ")");
            return ExitCodes.OK;
        }
    }
}
