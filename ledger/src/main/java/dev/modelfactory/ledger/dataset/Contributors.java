package dev.modelfactory.ledger.dataset;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who contributed a row: a wallet address ({@code 0x} + 40 hex digits, kept lowercase so one wallet is
 * one contributor) or a free name of at most {@value #MAX_LENGTH} characters.
 */
public final class Contributors {

    /** The longest contributor name. */
    public static final int MAX_LENGTH = 200;

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Contributors() {
    }

    /**
     * @return the canonical spelling: an address lowercased, a name stripped
     * @throws IllegalArgumentException if blank, too long, or a malformed {@code 0x} address
     */
    public static String canonical(String contributor) {
        String s = contributor.strip();
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a contributor is a wallet address or a name of 1.." + MAX_LENGTH
                    + " characters, got '" + contributor + "'");
        }
        if (s.startsWith("0x") || s.startsWith("0X")) {
            if (!ADDRESS.matcher(s.substring(0, 2).toLowerCase(Locale.ROOT) + s.substring(2)).matches()) {
                throw new IllegalArgumentException("'" + s + "' looks like a wallet address but is not 0x + 40 hex digits");
            }
            return s.toLowerCase(Locale.ROOT);
        }
        return s;
    }
}
