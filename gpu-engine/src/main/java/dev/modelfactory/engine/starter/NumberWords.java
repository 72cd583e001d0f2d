package dev.modelfactory.engine.starter;

/** English words for 0..999 ("forty-seven", "three hundred and five"), as the number skill writes them. */
public final class NumberWords {

    private static final String[] SMALL = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};

    private NumberWords() {
    }

    public static String of(int n) {
        if (n < 0 || n > 999) {
            throw new IllegalArgumentException("n: expected 0..999, got " + n);
        }
        if (n < 20) {
            return SMALL[n];
        }
        if (n < 100) {
            return TENS[n / 10] + (n % 10 == 0 ? "" : "-" + SMALL[n % 10]);
        }
        return SMALL[n / 100] + " hundred" + (n % 100 == 0 ? "" : " and " + of(n % 100));
    }
}
