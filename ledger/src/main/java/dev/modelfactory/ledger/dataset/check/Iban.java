package dev.modelfactory.ledger.dataset.check;

/** IBAN validation by the ISO 13616 mod-97 check: move the first four characters to the end, letters to 10..35, remainder 1. */
public final class Iban {

    private Iban() {
    }

    /**
     * @param iban without spaces, upper case
     * @return true if it has a country code, two check digits, 11..30 more alphanumerics and passes mod-97
     */
    public static boolean isValid(CharSequence iban) {
        int n = iban.length();
        if (n < 15 || n > 34 || !isUpper(iban.charAt(0)) || !isUpper(iban.charAt(1)) || !isDigit(iban.charAt(2))
                || !isDigit(iban.charAt(3))) {
            return false;
        }
        int remainder = 0;
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            if (isDigit(c)) {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (isUpper(c)) {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
