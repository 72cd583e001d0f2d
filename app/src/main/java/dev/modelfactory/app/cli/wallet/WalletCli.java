package dev.modelfactory.app.cli.wallet;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.ScryptParams;
import dev.modelfactory.ledger.wallet.Signer;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.ledger.wallet.WrongPasswordException;
import dev.modelfactory.ledger.wallet.Secrets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Shared pieces of the wallet, attest and ledger commands. */
public final class WalletCli {

    private WalletCli() {
    }

    /** The workspace's wallet; {@code light} only for tests (see the hidden --test-only-light-kdf options). */
    public static WalletService wallet(Workspace ws, boolean light) {
        return WalletService.builder(new WalletStore(ws))
                .kdf(light ? ScryptParams.lightForTestsOnly() : ScryptParams.STANDARD).build();
    }

    /**
     * The account meant: {@code nameOrAddress}, or the only account when none is given.
     *
     * @throws BadInputException if there is no such account, or several and none was named
     */
    public static Account account(WalletService wallet, String nameOrAddress) {
        if (nameOrAddress == null) {
            List<Account> all = wallet.accounts();
            if (all.size() == 1) {
                return all.getFirst();
            }
            throw new BadInputException(all.isEmpty() ? "the wallet has no account: see wallet create / wallet import"
                    : "the wallet has " + all.size() + " accounts: choose one with --account NAME");
        }
        try {
            return wallet.account(nameOrAddress);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** Unlocks {@code account} with a password from {@code file}/env/console and returns its signer. */
    public static Signer unlock(WalletService wallet, Account account, Path passwordFile) {
        char[] pw = Passwords.read(passwordFile, "Password for account " + account.name(), false);
        try {
            wallet.unlock(account.address(), pw);
        } catch (WrongPasswordException e) {
            throw new BadInputException(e.getMessage(), e);
        } finally {
            Secrets.wipe(pw);
        }
        return wallet.signer(account.address());
    }

    /** The addresses of the wallet's accounts (a record they signed is "known"). */
    public static Predicate<String> known(WalletService wallet) {
        Set<String> mine = wallet.accounts().stream().map(a -> a.address().toLowerCase()).collect(Collectors.toSet());
        return a -> mine.contains(a.toLowerCase());
    }

    /** Writes {@code text} to {@code file} through a temporary file and a rename: never half written. */
    public static void writeAtomically(Path file, String text) throws java.io.IOException {
        Path target = file.toAbsolutePath();
        Path tmp = java.nio.file.Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            java.nio.file.Files.writeString(tmp, text);
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** Reads a UTF-8 text file the user named, as bad input (exit 2) when it cannot be read. */
    public static String readText(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** An account as JSON. */
    public static Map<String, Object> json(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("address", a.address());
        m.put("source", a.source());
        m.put("path", a.path().orElse(null));
        m.put("createdAt", a.createdAt().toString());
        return m;
    }

    /** An account as one line of text. */
    public static String line(Account a) {
        return String.format("%-16s %s  %-11s %s", a.name(), a.address(), a.source(), a.path().orElse(""));
    }
}
