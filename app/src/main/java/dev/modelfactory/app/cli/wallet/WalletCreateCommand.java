package dev.modelfactory.app.cli.wallet;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Mnemonic;
import dev.modelfactory.ledger.wallet.MnemonicConfirmation;
import dev.modelfactory.ledger.wallet.Secrets;
import dev.modelfactory.ledger.wallet.WalletService;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wallet create}: a new BIP-39 mnemonic, shown once and confirmed, and its first account. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create the workspace's mnemonic (shown once: write it down) and account 0 on m/44'/60'/0'/0/0.")
public final class WalletCreateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--words", paramLabel = "12|24", description = "Mnemonic length (default 12).")
    private int words = 12;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the first account (default: main).")
    private String name = "main";

    @Option(names = "--confirm-words", paramLabel = "K", description = "Words to re-enter as a check (default 3).")
    private int confirmWords = 3;

    @Option(names = "--no-confirm", description = "Skip re-entering words (scripts; you must keep the mnemonic yourself).")
    private boolean noConfirm;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the new password from the file's first line.")
    private Path passwordFile;

    @Option(names = "--test-only-light-kdf", hidden = true, description = "Weak scrypt for tests only.")
    private boolean light;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        if (words != 12 && words != 24) {
            throw new BadInputException("--words must be 12 or 24, not " + words);
        }
        try (Workspace ws = WorkspaceCommands.open(root)) {
            WalletService wallet = WalletCli.wallet(ws, light);
            if (wallet.hasMnemonic()) {
                throw new BadInputException("this workspace already has a mnemonic; add accounts with: wallet add NAME");
            }
            SecureRandom random = new SecureRandom();
            Mnemonic mnemonic = Mnemonic.generate(words, random);
            if (!root.json()) {
                spec.commandLine().getOut().println("Your recovery words (shown once; write them down, never share them):");
                List<String> w = mnemonic.words();
                for (int i = 0; i < w.size(); i++) {
                    spec.commandLine().getOut().printf("%2d. %s%n", i + 1, w.get(i));
                }
                spec.commandLine().getOut().flush();
            }
            if (!noConfirm) {
                confirm(mnemonic, random);
            }
            char[] pw = Passwords.read(passwordFile, "New wallet password", true);
            Account account;
            try {
                account = wallet.addMnemonic(mnemonic, List.of(name), pw).getFirst();
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            } finally {
                Secrets.wipe(pw);
            }
            Map<String, Object> json = new LinkedHashMap<>(WalletCli.json(account));
            json.put("mnemonic", mnemonic.words());
            new Output(spec.commandLine().getOut(), root.json()).result(json,
                    "Created account " + account.name() + " " + account.address() + " (" + account.path().orElse("") + ")");
            return ExitCodes.OK;
        }
    }

    private void confirm(Mnemonic mnemonic, SecureRandom random) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            throw new BadInputException("confirming the mnemonic needs a terminal; in scripts pass --no-confirm");
        }
        MnemonicConfirmation c = MnemonicConfirmation.challenge(mnemonic, Math.max(1, Math.min(confirmWords, words)), random);
        List<String> answers = new ArrayList<>();
        for (int p : c.positions()) {
            answers.add(console.readLine("Word %d: ", p));
        }
        List<Integer> wrong = c.wrongPositions(answers);
        if (!wrong.isEmpty()) {
            throw new BadInputException("word(s) " + wrong + " do not match; nothing was stored, run wallet create again");
        }
    }
}
