package dev.modelfactory.app.cli.wallet;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Mnemonic;
import dev.modelfactory.ledger.wallet.Secrets;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.ledger.wallet.WrongPasswordException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wallet import}: a mnemonic, a raw private key or a keystore v3 file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a mnemonic (accounts on m/44'/60'/0'/0/i), a private key, or a keystore v3 JSON file "
                + "(scrypt or pbkdf2). Secrets are read from files, never from arguments.")
public final class WalletImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    static final class Source {
        @Option(names = "--mnemonic-file", paramLabel = "FILE", required = true, description = "A file holding the 12 or 24 words.")
        Path mnemonic;
        @Option(names = "--private-key-file", paramLabel = "FILE", required = true, description = "A file holding 64 hex digits.")
        Path privateKey;
        @Option(names = "--keystore", paramLabel = "FILE", required = true, description = "A keystore v3 JSON file.")
        Path keystore;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "Account name (with --accounts N: NAME, NAME-2, ...).")
    private String name;

    @Option(names = "--accounts", paramLabel = "N", description = "With --mnemonic-file: how many accounts to derive (default 1).")
    private int accounts = 1;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The wallet password for the imported account(s).")
    private Path passwordFile;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            description = "The keystore file's own password (default: the wallet password).")
    private Path keystorePasswordFile;

    @Option(names = "--test-only-light-kdf", hidden = true, description = "Weak scrypt for tests only.")
    private boolean light;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        if (accounts < 1 || accounts > 100) {
            throw new BadInputException("--accounts must be 1..100");
        }
        try (Workspace ws = WorkspaceCommands.open(root)) {
            WalletService wallet = WalletCli.wallet(ws, light);
            char[] pw = Passwords.read(passwordFile, "Wallet password", true);
            List<Account> added = new ArrayList<>();
            try {
                if (source.mnemonic != null) {
                    Mnemonic m = Mnemonic.parse(WalletCli.readText(source.mnemonic));
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < accounts; i++) {
                        names.add(i == 0 ? name : name + "-" + (i + 1));
                    }
                    added.addAll(wallet.addMnemonic(m, names, pw));
                } else if (source.privateKey != null) {
                    added.add(wallet.importPrivateKey(privateKey(source.privateKey), name, pw));
                } else {
                    char[] kpw = keystorePasswordFile == null ? pw.clone() : Passwords.fromFile(keystorePasswordFile);
                    try {
                        added.add(wallet.importKeystore(WalletCli.readText(source.keystore), kpw, name, pw));
                    } finally {
                        Secrets.wipe(kpw);
                    }
                }
            } catch (WrongPasswordException | IllegalArgumentException e) {
                throw new BadInputException(fileOf() + ": " + e.getMessage(), e);
            } finally {
                Secrets.wipe(pw);
            }
            StringBuilder text = new StringBuilder("Imported:");
            added.forEach(a -> text.append('\n').append(WalletCli.line(a)));
            new Output(spec.commandLine().getOut(), root.json()).result(added.stream().map(WalletCli::json).toList(),
                    text.toString());
            return ExitCodes.OK;
        }
    }

    private Path fileOf() {
        return source.mnemonic != null ? source.mnemonic : source.privateKey != null ? source.privateKey : source.keystore;
    }

    private static byte[] privateKey(Path file) {
        char[] text = Passwords.fromFile(file);
        try {
            String hex = new String(text).strip();
            if (hex.startsWith("0x")) {
                hex = hex.substring(2);
            }
            if (hex.length() != 64) {
                throw new BadInputException(file + ": a private key is 64 hex digits");
            }
            try {
                return HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file + ": a private key is 64 hex digits");
            }
        } finally {
            Secrets.wipe(text);
        }
    }
}
