package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.cli.wallet.WalletCli;
import dev.modelfactory.ledger.attribution.Verification;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.log.StoredEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ledger list}: entries with their verification badge. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List log entries with a valid / INVALID / signer unknown badge.")
public final class LedgerListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", paramLabel = "SEQ", description = "First entry (default 1).")
    private long from = 1;

    @Option(names = "--limit", paramLabel = "N", description = "At most N entries (default 100, max 10000).")
    private int limit = 100;

    @Option(names = "--imported", description = "List the entries imported from other workspaces' bundles instead.")
    private boolean imported;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        if (limit < 1 || limit > 10_000 || from < 1) {
            throw new BadInputException("--from must be >= 1 and --limit 1..10000");
        }
        try (Workspace ws = WorkspaceCommands.open(root)) {
            Predicate<String> known = WalletCli.known(WalletCli.wallet(ws, false));
            List<Map<String, Object>> json = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            List<StoredEntry> entries = imported ? new dev.modelfactory.ledger.store.log.LogStore(ws).imported()
                    : AttestSupport.log(ws).entries(from, limit);
            for (StoredEntry e : entries) {
                Verification v = LedgerText.verify(e, known);
                json.add(LedgerText.json(e, v));
                text.append(String.format("#%-5d %-18s %s  %s  %s%n", e.seq(), e.recordType(), e.signer(),
                        Instant.ofEpochMilli(e.createdAt()), LedgerText.badge(v)));
            }
            new Output(spec.commandLine().getOut(), root.json()).result(json,
                    text.isEmpty() ? "The ledger is empty." : text.toString().stripTrailing());
            return ExitCodes.OK;
        }
    }
}
