package dev.modelfactory.studio.attribution;

import dev.modelfactory.ledger.wallet.Account;
import javafx.util.StringConverter;

/** "curator (0x90F8…c9C1)" for account choosers. */
final class AccountConverter extends StringConverter<Account> {

    @Override
    public String toString(Account a) {
        if (a == null) {
            return "";
        }
        String addr = a.address();
        return a.name() + " (" + addr.substring(0, 6) + "\u2026" + addr.substring(addr.length() - 4) + ")";
    }

    @Override
    public Account fromString(String s) {
        throw new UnsupportedOperationException("accounts are chosen, not typed");
    }
}
