package dev.modelfactory.app.cli.wallet;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Secrets;
import dev.modelfactory.ledger.wallet.WrongPasswordException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wallet add NAME}: the next account derived from the workspace's mnemonic. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Derive the next account (m/44'/60'/0'/0/i) from the workspace's mnemonic.")
public final class WalletAddCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The new account's name.")
    private String name;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The wallet password (opens the mnemonic).")
    private Path passwordFile;

    @Option(names = "--test-only-light-kdf", hidden = true, description = "Weak scrypt for tests only.")
    private boolean light;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            char[] pw = Passwords.read(passwordFile, "Wallet password", false);
            Account a;
            try {
                a = WalletCli.wallet(ws, light).deriveNext(name, pw);
            } catch (WrongPasswordException | IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            } finally {
                Secrets.wipe(pw);
            }
            new Output(spec.commandLine().getOut(), root.json()).result(WalletCli.json(a), "Added " + WalletCli.line(a));
            return ExitCodes.OK;
        }
    }
}
