package dev.modelfactory.studio.models;

import java.util.Locale;

/** Human-readable model figures: "1.1 B" parameters, "4.1 GiB", "4,096" tokens; a dash for unknown. */
public final class ModelText {

    /** Shown for a value the catalog could not read. */
    public static final String UNKNOWN = "\u2014";

    private static final String[] COUNT_UNITS = {"", " K", " M", " B", " T"};
    private static final String[] BYTE_UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ModelText() {
    }

    /** 260000 → "260 K", 1100048384 → "1.1 B", 7241732096 → "7.2 B", 999 → "999". */
    public static String parameters(long count) {
        return count <= 0 ? UNKNOWN : scaled(count, COUNT_UNITS);
    }

    /**
     * Binary units with one decimal, exactly as the command line prints them ({@code ./modelfactory model
     * list}): 512 → "512 B", 1185376 → "1.1 MiB", 4368439296 → "4.1 GiB".
     */
    public static String size(long bytes) {
        if (bytes < 0) {
            return UNKNOWN;
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double scaled = bytes;
        int unit = -1;
        while (scaled >= 1024 && unit < BYTE_UNITS.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, BYTE_UNITS[unit]);
    }

    /** Tokens with digit grouping: 4096 → "4,096". */
    public static String context(int tokens) {
        return tokens <= 0 ? UNKNOWN : String.format(Locale.ENGLISH, "%,d", tokens);
    }

    /** The text, or the dash when it is null or blank. */
    public static String orUnknown(String text) {
        return text == null || text.isBlank() ? UNKNOWN : text;
    }

    /** "Yes · 3f2a9c1d" for an imported model, "No" otherwise. */
    public static String importedLabel(LocalModel model) {
        return model.imported() ? "Yes \u00b7 " + model.shortId() : "No";
    }

    /** "1 model", "3 models". */
    public static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String scaled(long value, String[] units) {
        double scaled = value;
        int unit = 0;
        while (scaled >= 999.5 && unit < units.length - 1) {
            scaled /= 1000;
            unit++;
        }
        if (unit == 0) {
            return value + units[0];
        }
        String number = scaled < 9.95
                ? String.format(Locale.ENGLISH, "%.1f", scaled)
                : String.format(Locale.ENGLISH, "%.0f", scaled);
        return number + units[unit];
    }
}
