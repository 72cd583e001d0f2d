package dev.modelfactory.ledger.dataset.check;

/** The Luhn (mod 10) check digit test used by payment card numbers (ISO/IEC 7812-1). */
public final class Luhn {

    private Luhn() {
    }

    /** @return true if {@code digits} (ASCII digits only, at least 2) passes the Luhn check */
    public static boolean isValid(CharSequence digits) {
        if (digits.length() < 2) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
