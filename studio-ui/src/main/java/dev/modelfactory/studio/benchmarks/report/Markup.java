package dev.modelfactory.studio.benchmarks.report;

import java.util.Locale;

/** Escaping and number formatting shared by the HTML/SVG writers: every text and attribute goes through here. */
public final class Markup {

    private Markup() {
    }

    /**
     * {@code text} safe in XHTML text and in double- or single-quoted attributes: {@code & < > " '} become
     * entities, and characters XML 1.0 forbids (most C0 controls, lone surrogates) become U+FFFD.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c) || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
                            || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A score with three decimals (locale-independent). */
    public static String score(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A signed difference with three decimals. */
    public static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }

    /** A coordinate with one decimal. */
    static String px(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
