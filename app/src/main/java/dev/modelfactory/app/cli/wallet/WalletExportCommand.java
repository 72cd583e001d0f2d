package dev.modelfactory.app.cli.wallet;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.WalletService;
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

/** {@code wallet export ACCOUNT}: the account's keystore v3 (encrypted; MetaMask and geth read it). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write an account's keystore v3 JSON (encrypted with its wallet password, standard scrypt).")
public final class WalletExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ACCOUNT", description = "Account name or address.")
    private String account;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            WalletService wallet = WalletCli.wallet(ws, false);
            Account a = WalletCli.account(wallet, account);
            String json = wallet.exportKeystore(a.address());
            if (out == null) {
                spec.commandLine().getOut().println(json);
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
            WalletCli.writeAtomically(out, json);
            Map<String, Object> result = new LinkedHashMap<>(WalletCli.json(a));
            result.put("file", out.toAbsolutePath().toString());
            new Output(spec.commandLine().getOut(), root.json()).result(result, "Wrote the keystore of " + a.name() + " to " + out);
            return ExitCodes.OK;
        }
    }
}
