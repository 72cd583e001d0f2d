package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.cli.wallet.WalletCli;
import dev.modelfactory.ledger.log.BundleException;
import dev.modelfactory.ledger.log.Bundles;
import dev.modelfactory.ledger.log.ImportResult;
import dev.modelfactory.ledger.store.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ledger import FILE}: verify a bundle offline and keep its entries. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Verify a bundle (hashes, signatures, links, Merkle root and proofs) and keep its entries; "
                + "a bundle that fails is refused whole, naming the entry.")
public final class LedgerImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A bundle written by ledger export.")
    private Path file;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        String json = WalletCli.readText(file);
        try (Workspace ws = WorkspaceCommands.open(root)) {
            ImportResult r;
            try {
                r = Bundles.importBundle(AttestSupport.log(ws), json);
            } catch (BundleException e) {
                throw new BadInputException(file + ": " + e.getMessage(), e);
            }
            new Output(spec.commandLine().getOut(), root.json()).result(r, "Verified " + r.entries() + " entries ("
                    + r.firstSeq() + ".." + r.lastSeq() + ", root " + r.root() + "); " + r.added() + " new.");
            return ExitCodes.OK;
        }
    }
}
