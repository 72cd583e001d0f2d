package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A {@link DatasetCheck} over the flags of the store's check pass: counts the rows carrying a flag (or any
 * of a set of flags), with a count per flag in the details.
 */
abstract class FlagCheck implements DatasetCheck {

    private final String id;
    private final String title;

    FlagCheck(String id, String title) {
        this.id = id;
        this.title = title;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final boolean usesFlagPass() {
        return true;
    }

    /**
     * @param total  the flag whose rows are the check's total, or null: rows carrying any of {@code parts}
     * @param parts  flags counted one by one (JSON keys in camel case, e.g. {@code piiEmail})
     * @param extra  further details
     */
    static CheckResult counted(CheckContext ctx, RowFlag total, Set<RowFlag> parts, Map<String, Object> extra) {
        long n = total != null ? ctx.flagged(total)
                : ctx.store().count(ctx.dataset().id(), RowFilter.ALL.withAnyFlag(parts));
        Map<String, Object> details = new LinkedHashMap<>();
        StringJoiner text = new StringJoiner(", ", " (", ")").setEmptyValue("");
        for (RowFlag f : parts) {
            long c = ctx.flagged(f);
            details.put(key(f), c);
            if (c > 0) {
                text.add(String.format(Locale.ROOT, "%,d %s", c, f.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            }
        }
        details.putAll(extra);
        return new CheckResult(n, n == 0 ? "none" : String.format(Locale.ROOT, "%,d %s", n, DatasetChecks.rows(n)) + text,
                details, null);
    }

    /** {@code PII_CREDIT_CARD} -> {@code piiCreditCard}. */
    static String key(RowFlag f) {
        StringBuilder b = new StringBuilder();
        for (String part : f.name().toLowerCase(Locale.ROOT).split("_")) {
            b.append(b.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return b.toString();
    }
}
