package dev.modelfactory.app.cli.wallet;

import picocli.CommandLine.Command;

/** {@code modelfactory wallet}: the built-in wallet. */
@Command(name = "wallet", mixinStandardHelpOptions = true,
        description = {"Create, import, list and export wallet accounts; sign and verify EIP-712 typed data.",
            "Passwords: --password-file FILE (first line), or $" + Passwords.ENV + ", or a prompt that does not echo."},
        subcommands = {WalletCreateCommand.class, WalletImportCommand.class, WalletListCommand.class,
            WalletAddCommand.class, WalletExportCommand.class, WalletSignTypedDataCommand.class,
            WalletVerifyTypedDataCommand.class})
public final class WalletCommand {
}
