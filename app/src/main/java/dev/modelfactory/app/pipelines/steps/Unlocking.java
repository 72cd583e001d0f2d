package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Signer;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.ledger.wallet.WrongPasswordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The signing account of an attest or anchor step, unlocked with a passphrase read from {@code passphrase_file}
 * or the environment variable {@code passphrase_env} (default {@value #DEFAULT_ENV}). The passphrase is never
 * logged, stored or put in a message, and is wiped once the account is unlocked.
 */
final class Unlocking {

    static final String DEFAULT_ENV = "MODELFACTORY_WALLET_PASSWORD";

    private Unlocking() {
    }

    static Account account(StepContext ctx, WalletService wallet) {
        var name = ctx.text("account");
        if (name.isPresent()) {
            try {
                return wallet.account(name.get());
            } catch (IllegalArgumentException e) {
                throw new StepFailedException(ctx.field("account") + ": " + e.getMessage(), e);
            }
        }
        List<Account> all = wallet.accounts();
        if (all.size() != 1) {
            throw new StepFailedException(ctx.field("account") + ": " + (all.isEmpty()
                    ? "the wallet has no account (create one: wallet create, or the Wallet page)"
                    : "the wallet has " + all.size() + " accounts: name one"));
        }
        return all.getFirst();
    }

    /** Unlocks {@code account} and returns its signer; lock the wallet when done. */
    static Signer unlock(StepContext ctx, WalletService wallet, Account account) {
        char[] pw = passphrase(ctx);
        try {
            wallet.unlock(account.address(), pw);
        } catch (WrongPasswordException e) {
            throw new StepFailedException("the passphrase for account " + account.name() + " is wrong", e);
        } finally {
            Arrays.fill(pw, '\0');
        }
        return wallet.signer(account.address());
    }

    private static char[] passphrase(StepContext ctx) {
        var file = ctx.path("passphrase_file");
        if (file.isPresent()) {
            try {
                byte[] bytes = Files.readAllBytes(file.get());
                String s = new String(bytes, StandardCharsets.UTF_8);
                Arrays.fill(bytes, (byte) 0);
                int end = s.length();
                while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
                    end--;
                }
                return s.substring(0, end).toCharArray();
            } catch (IOException e) {
                throw new StepFailedException(ctx.field("passphrase_file") + ": cannot read " + file.get(), e);
            }
        }
        String env = ctx.text("passphrase_env").orElse(DEFAULT_ENV);
        String v = ctx.environment().get(env);
        if (v == null || v.isEmpty()) {
            throw new StepFailedException(ctx.field("passphrase_env") + ": the environment variable " + env
                    + " is not set (or give passphrase_file)");
        }
        return v.toCharArray();
    }

}
