package dev.modelfactory.app.cli.wallet;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.wallet.Account;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wallet list}: the accounts (no secrets). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the wallet's accounts (EIP-55 addresses).")
public final class WalletListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            List<Account> accounts = WalletCli.wallet(ws, false).accounts();
            StringBuilder text = new StringBuilder(accounts.isEmpty() ? "No accounts (see: wallet create, wallet import)" : "");
            accounts.forEach(a -> text.append(text.isEmpty() ? "" : "\n").append(WalletCli.line(a)));
            new Output(spec.commandLine().getOut(), root.json()).result(accounts.stream().map(WalletCli::json).toList(),
                    text.toString());
            return ExitCodes.OK;
        }
    }
}
