package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.Role;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How the Datasets page words figures and values: counts with thousands separators, rates, ETA, previews. */
public final class DatasetText {

    /** Shown for a value that is not known (no contributor, no licence...). */
    public static final String NONE = "\u2014";

    private DatasetText() {
    }

    /** "1 row", "12,000 rows". */
    public static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }

    /** "12,000". */
    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "80 / 10 / 10, seed 42". */
    public static String ratio(SplitSpec s) {
        return String.format(Locale.ROOT, "%s / %s / %s, seed %d", percent(s.train()), percent(s.validation()),
                percent(s.test()), s.seed());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f", fraction * 100);
    }

    /**
     * The running import's line: "12,000 rows · 8,200 rows/s · about 14 s left" (ETA from the share of the
     * source read so far; no ETA before anything was read or when the size is unknown).
     */
    public static String importProgress(long rows, long bytes, long total, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        StringBuilder out = new StringBuilder(count(rows, "row"));
        if (seconds > 0.2) {
            out.append(String.format(Locale.ROOT, " \u00b7 %,.0f rows/s", rows / seconds));
        }
        if (total > 0 && bytes > 0 && bytes < total && seconds > 0.2) {
            double left = seconds * (total - bytes) / bytes;
            out.append(" \u00b7 about ").append(duration(left)).append(" left");
        }
        return out.toString();
    }

    /** "14 s", "3 min 5 s". */
    public static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }

    /** "Accepted". */
    public static String status(RowStatus s) {
        return s == null ? "Any status" : capital(s.name());
    }

    /** "Validation"; "Unsplit" for null. */
    public static String split(Split s) {
        return s == null ? "Unsplit" : capital(s.name());
    }

    /** "User", "Assistant"... */
    public static String role(Role r) {
        return capital(r.name());
    }

    /** "Train, Evaluate"; "none" for an empty set. */
    public static String uses(Set<Use> uses) {
        if (uses.isEmpty()) {
            return "none";
        }
        return uses.stream().sorted().map(DatasetText::use).collect(Collectors.joining(", "));
    }

    public static String use(Use u) {
        return switch (u) {
            case TRAIN -> "Train";
            case EVAL -> "Evaluate";
            case ATTRIBUTION_PUBLIC -> "Public attribution";
            case COMMERCIAL -> "Commercial";
        };
    }

    /** One line for the table: the first user turn (or the raw text), whitespace collapsed, cut at 160. */
    public static String preview(Conversation c) {
        String text = c.text();
        if (text == null || text.isBlank()) {
            text = c.messages().stream().filter(m -> m.role() == Role.USER).map(Message::content).findFirst()
                    .orElse(c.messages().isEmpty() ? "" : c.messages().getFirst().content());
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 159) + "\u2026" : flat;
    }

    /** A contributor as shown in lists: an address shortened to 0x1234…abcd, a name as is. */
    public static String contributor(String c) {
        if (c == null) {
            return NONE;
        }
        return c.startsWith("0x") && c.length() == 42 ? c.substring(0, 6) + "\u2026" + c.substring(38) : c;
    }

    /** The file name of a path as the store keeps it (either separator). */
    public static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    static String capital(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
