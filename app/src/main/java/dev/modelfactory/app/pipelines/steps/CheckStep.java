package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.dataset.CheckOptions;
import dev.modelfactory.ledger.store.dataset.CheckSummary;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code check}: runs the dataset checks (quality, PII, near-duplicates), rejects duplicates as asked
 * ({@code dedupe: exact | near | both | none}, recorded in the curation history), then applies the thresholds;
 * any exceeded fails the pipeline with the figures. Output {@code dataset}: the same dataset, checked.
 */
final class CheckStep implements Step {

    private static final Set<RowFlag> PII = EnumSet.of(RowFlag.PII, RowFlag.PII_EMAIL, RowFlag.PII_PHONE,
            RowFlag.PII_CREDIT_CARD, RowFlag.PII_IBAN, RowFlag.PII_IP_ADDRESS, RowFlag.PII_SECRET);
    private static final Set<RowFlag> DUPLICATE = EnumSet.of(RowFlag.EXACT_DUPLICATE, RowFlag.NEAR_DUPLICATE);

    @Override
    public StepResult run(StepContext ctx) {
        OutputRef in = ctx.requiredInput("dataset");
        DatasetStore ds = new DatasetStore(ctx.workspace());
        DatasetInfo info = ds.findByName(in.ref()).orElseThrow(() -> new StepFailedException(ctx.field("dataset")
                + ": no dataset named " + in.ref()));
        boolean near = ctx.bool("near_duplicates", true);
        CheckOptions options = CheckOptions.builder().text(ctx.bool("quality", true)).pii(ctx.bool("pii", true))
                .nearDuplicates(near).build();
        CheckSummary s = ds.runChecks(info.id(), options, (done, total) -> { }, ctx.cancel());
        ctx.log("checked " + s.rowsChecked() + " rows: " + flags(s));
        long duplicates = count(ds, info.id(), RowFilter.ALL, DUPLICATE);
        String dedupe = ctx.text("dedupe").orElse("exact").toLowerCase(Locale.ROOT);
        String actor = "pipeline " + ctx.pipeline().name();
        if (dedupe.equals("exact") || dedupe.equals("both")) {
            long n = ds.rejectDuplicates(info.id(), true, actor).map(HistoryEntry::rowCount).orElse(0L);
            ctx.log("rejected " + n + " exact duplicates (first of each kept)");
        }
        if ((dedupe.equals("near") || dedupe.equals("both")) && near) {
            long n = ds.rejectNearDuplicates(info.id(), actor).map(HistoryEntry::rowCount).orElse(0L);
            ctx.log("rejected " + n + " near-duplicates (one of each cluster kept)");
        }
        RowFilter kept = RowFilter.ALL;
        long rows = s.rowsChecked() - ds.count(info.id(), RowFilter.ALL.withStatus(RowStatus.REJECTED));
        long pii = count(ds, info.id(), kept, PII);
        long flagged = count(ds, info.id(), kept, EnumSet.allOf(RowFlag.class));
        List<String> exceeded = new ArrayList<>();
        int minRows = ctx.integer("min_rows", 1);
        if (rows < minRows) {
            exceeded.add(rows + " rows left, fewer than min_rows " + minRows);
        }
        int maxPii = ctx.integer("max_pii_rows", Integer.MAX_VALUE);
        if (pii > maxPii) {
            exceeded.add(pii + " rows with PII, more than max_pii_rows " + maxPii);
        }
        double total = Math.max(1, s.rowsChecked());
        double dupFraction = duplicates / total;
        double maxDup = ctx.number("max_duplicate_fraction", 1);
        if (dupFraction > maxDup) {
            exceeded.add(String.format(Locale.ROOT, "duplicate fraction %.3f (%d of %d rows) above max_duplicate_fraction"
                    + " %s", dupFraction, duplicates, s.rowsChecked(), maxDup));
        }
        double flaggedFraction = flagged / total;
        double maxFlagged = ctx.number("max_flagged_fraction", 1);
        if (flaggedFraction > maxFlagged) {
            exceeded.add(String.format(Locale.ROOT, "flagged fraction %.3f (%d of %d rows) above max_flagged_fraction %s",
                    flaggedFraction, flagged, s.rowsChecked(), maxFlagged));
        }
        if (!exceeded.isEmpty()) {
            throw new StepFailedException("check thresholds exceeded: " + String.join("; ", exceeded));
        }
        String summary = String.format(Locale.ROOT, "%d rows kept; PII %d, duplicates %d, flagged %d", rows, pii,
                duplicates, flagged);
        return StepResult.done(summary, new OutputRef("dataset", OutputKind.DATASET, in.ref(),
                Hashes.of("checked", in.ref(), ctx.inputsHash()), in.ref() + " (checked, " + rows + " rows)"));
    }

    private static long count(DatasetStore ds, long id, RowFilter base, Set<RowFlag> any) {
        RowFilter f = new RowFilter(base.status(), null, null, null, null, null, false, 0, RowFlag.mask(any), null, null,
                null);
        return ds.count(id, f);
    }

    private static String flags(CheckSummary s) {
        StringBuilder b = new StringBuilder();
        s.flagCounts().entrySet().stream().filter(e -> e.getValue() > 0).sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> b.append(b.isEmpty() ? "" : ", ").append(e.getKey().name().toLowerCase(Locale.ROOT))
                        .append(' ').append(e.getValue()));
        return b.isEmpty() ? "no flags" : b.toString();
    }
}
