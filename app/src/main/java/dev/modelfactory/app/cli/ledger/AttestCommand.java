package dev.modelfactory.app.cli.ledger;

import picocli.CommandLine.Command;

/** {@code modelfactory attest}: sign attribution records and append them to the ledger. */
@Command(name = "attest", mixinStandardHelpOptions = true,
        description = "Sign an attribution record with a wallet account and append it to the workspace's ledger.",
        subcommands = {AttestDatasetCommand.class, AttestRunCommand.class, AttestAdapterCommand.class,
            AttestOutputCommand.class, AttestClaimCommand.class})
public final class AttestCommand {
}
