package dev.modelfactory.app.cli.ledger;

import picocli.CommandLine.Command;

/** {@code modelfactory ledger}: the workspace's attribution log. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "List, show and verify the hash-chained attribution log; seal Merkle batches; export and import bundles.",
        subcommands = {LedgerListCommand.class, LedgerShowCommand.class, LedgerVerifyCommand.class,
            LedgerBatchCommand.class, LedgerExportCommand.class, LedgerImportCommand.class,
            LedgerAnchorCommand.class, LedgerVerifyAnchorCommand.class})
public final class LedgerCommand {
}
