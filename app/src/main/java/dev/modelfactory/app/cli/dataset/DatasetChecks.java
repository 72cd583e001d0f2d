package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.dataset.DuplicateSummary;
import dev.modelfactory.ledger.store.dataset.EmptyRows;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.task.CancellationToken;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks {@code dataset check} runs, in order: exact duplicates and empty conversations (own store
 * queries), then the checks over the flags of the store's check pass ({@link CheckContext}): near-duplicates
 * (MinHash + LSH), PII, empty/truncated replies, token length, mostly non-text, cross-contributor duplicates.
 * Flag counts cover the whole working set (every status).
 */
public final class DatasetChecks {

    private DatasetChecks() {
    }

    /** Every check, in the order they run and print. */
    public static List<DatasetCheck> all() {
        return List.of(new ExactDuplicates(), new EmptyConversations(), new NearDuplicates(), new Pii(),
                new EmptyOrTruncated(), new Length(), new NonText(), new CrossContributorDuplicates());
    }

    /** Check ids whose flags come from the text part of the check pass. */
    static final List<String> TEXT_CHECKS = List.of("empty-or-truncated", "length", "non-text");

    /** Rows whose normalised text repeats another row's (among rows not rejected). */
    static final class ExactDuplicates implements DatasetCheck {
        @Override
        public String id() {
            return "exact-duplicates";
        }

        @Override
        public String title() {
            return "exact duplicates (same normalised text)";
        }

        @Override
        public CheckResult run(CheckContext ctx) {
            DuplicateSummary d = ctx.store().duplicates(ctx.dataset().id());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("groups", d.groups());
            details.put("redundantRows", d.redundantRows());
            details.put("crossContributorGroups", d.crossContributorGroups());
            String summary = d.groups() == 0 ? "none" : String.format(Locale.ROOT,
                    "%,d %s, %,d redundant %s (%,d across contributors)", d.groups(), d.groups() == 1 ? "group" : "groups",
                    d.redundantRows(), d.redundantRows() == 1 ? "row" : "rows", d.crossContributorGroups());
            return new CheckResult(d.redundantRows(), summary, details,
                    d.groups() == 0 ? null : "modelfactory dataset dedupe " + quoted(ctx.dataset().name()));
        }
    }

    /** Rows with nothing to train on (every message and the text blank). */
    static final class EmptyConversations implements DatasetCheck {
        @Override
        public String id() {
            return "empty-conversations";
        }

        @Override
        public String title() {
            return "empty conversations";
        }

        @Override
        public CheckResult run(CheckContext ctx) {
            EmptyRows e = ctx.store().emptyRows(ctx.dataset().id(), ctx.progress(), CancellationToken.NONE);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("scanned", e.scanned());
            details.put("rowIds", e.rowIds());
            return new CheckResult(e.count(), e.count() == 0 ? "none" : String.format(Locale.ROOT, "%,d rows", e.count()),
                    details, null);
        }
    }

    /** Rows in the last check's near-duplicate clusters (MinHash + LSH over word shingles). */
    static final class NearDuplicates extends FlagCheck {
        NearDuplicates() {
            super("near-duplicates", "near duplicates (MinHash + LSH)");
        }

        @Override
        public CheckResult run(CheckContext ctx) {
            long n = ctx.flagged(RowFlag.NEAR_DUPLICATE);
            long clusters = ctx.summary().nearDuplicateClusters();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("clusters", clusters);
            details.put("threshold", ctx.options().nearDuplicateThreshold());
            details.put("shingleWords", ctx.options().shingleWords());
            return new CheckResult(n, n == 0 ? "none" : String.format(Locale.ROOT, "%,d %s in %,d %s (Jaccard >= %.2f)", n,
                    rows(n), clusters, clusters == 1 ? "cluster" : "clusters", ctx.options().nearDuplicateThreshold()), details,
                    n == 0 ? null : String.format(Locale.ROOT, "modelfactory dataset dedupe %s --near --threshold %s",
                            quoted(ctx.dataset().name()), ctx.options().nearDuplicateThreshold()));
        }
    }

    /** Rows with personal data or secrets (e-mail, phone, card, IBAN, IP address, keys). */
    static final class Pii extends FlagCheck {
        Pii() {
            super("pii", "personal data and secrets");
        }

        @Override
        public CheckResult run(CheckContext ctx) {
            return counted(ctx, RowFlag.PII, EnumSet.of(RowFlag.PII_EMAIL, RowFlag.PII_PHONE, RowFlag.PII_CREDIT_CARD,
                    RowFlag.PII_IBAN, RowFlag.PII_IP_ADDRESS, RowFlag.PII_SECRET), Map.of());
        }
    }

    /** Rows whose last reply is blank or missing, or looks cut off. */
    static final class EmptyOrTruncated extends FlagCheck {
        EmptyOrTruncated() {
            super("empty-or-truncated", "empty or truncated replies");
        }

        @Override
        public CheckResult run(CheckContext ctx) {
            return counted(ctx, null, EnumSet.of(RowFlag.EMPTY_OUTPUT, RowFlag.TRUNCATED_OUTPUT), Map.of());
        }
    }

    /** Rows with fewer or more tokens than the limits. */
    static final class Length extends FlagCheck {
        Length() {
            super("length", "token length out of range");
        }

        @Override
        public CheckResult run(CheckContext ctx) {
            Map<String, Object> limits = new LinkedHashMap<>();
            limits.put("minTokens", ctx.options().minTokens());
            limits.put("maxTokens", ctx.options().maxTokens());
            limits.put("tokenCounter", ctx.options().tokenCounter().getClass().getSimpleName());
            return counted(ctx, null, EnumSet.of(RowFlag.TOO_SHORT, RowFlag.TOO_LONG), limits);
        }
    }

    /** Rows made mostly of symbols, digits or blobs. */
    static final class NonText extends FlagCheck {
        NonText() {
            super("non-text", "mostly non-text");
        }

        @Override
        public CheckResult run(CheckContext ctx) {
            return counted(ctx, RowFlag.MOSTLY_NON_TEXT, EnumSet.noneOf(RowFlag.class),
                    Map.of("minLetterRatio", ctx.options().minLetterRatio()));
        }
    }

    /** Rows whose normalised text is also another contributor's (attribution conflicts). */
    static final class CrossContributorDuplicates extends FlagCheck {
        CrossContributorDuplicates() {
            super("cross-contributor-duplicates", "duplicates across contributors");
        }

        @Override
        public CheckResult run(CheckContext ctx) {
            return counted(ctx, RowFlag.CROSS_CONTRIBUTOR_DUPLICATE, EnumSet.noneOf(RowFlag.class), Map.of());
        }
    }

    static String rows(long n) {
        return n == 1 ? "row" : "rows";
    }

    static String quoted(String name) {
        return name.matches("[A-Za-z0-9._@/-]+") ? name : "'" + name.replace("'", "'\\''") + "'";
    }
}
