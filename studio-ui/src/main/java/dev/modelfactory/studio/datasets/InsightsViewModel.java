package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.dataset.CategoryCount;
import dev.modelfactory.ledger.store.dataset.DuplicateGroup;
import dev.modelfactory.ledger.store.dataset.DuplicateSummary;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import dev.modelfactory.ledger.store.dataset.TokenHistogram;
import dev.modelfactory.ledger.store.dataset.UseExclusions;
import dev.modelfactory.studio.task.BackgroundTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What the store can tell about the chosen dataset as a whole: exact duplicates (summary and the largest
 * groups), rows excluded from each use and whose, and for the charts row counts per status, split,
 * contributor, tag and check flag and the token-length histogram.
 * One background task answers all of it; a newer refresh wins over a late older one.
 */
public final class InsightsViewModel {

    /** Duplicate groups listed. */
    public static final int GROUPS_SHOWN = 20;
    /**
     * Datasets up to this many rows are analysed as soon as they are chosen; bigger ones on request, since
     * the store answers with full scans (about a minute on a million rows) that would compete with the rows.
     */
    public static final long AUTO_ANALYSE_ROWS = 200_000;

    /**
     * One answer.
     *
     * @param datasetId  the dataset it describes
     * @param duplicates exact-duplicate summary
     * @param groups     the largest groups, at most {@link #GROUPS_SHOWN}
     * @param exclusions one per {@link Use}, in enum order
     * @param byStatus   rows per status, in enum order
     * @param bySplit    rows per split, in enum order, then rows without a split under the key null
     * @param charts     token lengths and rows per contributor, tag and check flag
     */
    public record Insights(long datasetId, DuplicateSummary duplicates, List<DuplicateGroup> groups,
                           List<UseExclusions> exclusions, Map<RowStatus, Long> byStatus, Map<Split, Long> bySplit,
                           Charts charts) {
    }

    /**
     * The distributions the charts draw.
     *
     * @param tokens        token lengths in at most {@link #HISTOGRAM_BINS} bins (empty before a check counted them)
     * @param byContributor rows per contributor, most first, at most {@link #CATEGORIES_SHOWN} (name null: none given)
     * @param byTag         rows per tag, most first, at most {@link #CATEGORIES_SHOWN} (name null: untagged)
     * @param byFlag        rows per check flag as the last check left them (empty before a check)
     */
    public record Charts(TokenHistogram tokens, List<CategoryCount> byContributor, List<CategoryCount> byTag,
                         Map<RowFlag, Long> byFlag) {
    }

    /** Bins of the token-length histogram. */
    public static final int HISTOGRAM_BINS = 20;
    /** Contributors and tags charted (the most rows first). */
    public static final int CATEGORIES_SHOWN = 12;

    private final DatasetCatalog catalog;
    private final TaskSubmitter tasks;
    private final ReadOnlyObjectWrapper<Insights> insights = new ReadOnlyObjectWrapper<>(this, "insights");
    private long asked;
    private DatasetSummary dataset;

    InsightsViewModel(DatasetCatalog catalog, TaskSubmitter tasks) {
        this.catalog = catalog;
        this.tasks = tasks;
    }

    /** The dataset was chosen or changed: analyses it now if it is small enough, else clears. */
    void chosen(DatasetSummary chosen) {
        dataset = chosen;
        if (chosen == null || chosen.rows() > AUTO_ANALYSE_ROWS) {
            asked++;
            insights.set(null);
        } else {
            refresh(chosen);
        }
    }

    /** Rows of the chosen dataset changed: analyses again if the last answer is for it. */
    void changed() {
        if (dataset != null && insights.get() != null && insights.get().datasetId() == dataset.id()) {
            refresh(dataset);
        }
    }

    /** Analyses the chosen dataset now, whatever its size. */
    public BackgroundTask<Insights> analyse() {
        return dataset == null ? null : refresh(dataset);
    }

    /** True if the chosen dataset waits for {@link #analyse()}. */
    public boolean waitsForRequest() {
        return dataset != null && dataset.rows() > AUTO_ANALYSE_ROWS
                && (insights.get() == null || insights.get().datasetId() != dataset.id());
    }

    /** Works everything out again for {@code dataset} (null: clears). */
    private BackgroundTask<Insights> refresh(DatasetSummary dataset) {
        long mine = ++asked;
        if (dataset == null) {
            insights.set(null);
            return null;
        }
        if (insights.get() != null && insights.get().datasetId() != dataset.id()) {
            insights.set(null);
        }
        return tasks.submit("Analyse " + dataset.name(), ctx -> {
            long id = dataset.id();
            Map<RowStatus, Long> byStatus = new LinkedHashMap<>();
            for (RowStatus s : RowStatus.values()) {
                ctx.throwIfCancelled();
                byStatus.put(s, catalog.count(id, RowFilter.ALL.withStatus(s)));
            }
            long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
            Map<Split, Long> bySplit = new LinkedHashMap<>();
            long split = 0;
            for (Split s : Split.values()) {
                ctx.throwIfCancelled();
                long n = catalog.count(id, RowFilter.ALL.withSplit(s));
                bySplit.put(s, n);
                split += n;
            }
            bySplit.put(null, total - split);
            List<UseExclusions> exclusions = new ArrayList<>();
            for (Use u : Use.values()) {
                exclusions.add(catalog.exclusions(id, u));
            }
            ctx.throwIfCancelled();
            DuplicateSummary duplicates = catalog.duplicates(id);
            List<DuplicateGroup> groups = duplicates.groups() == 0 ? List.of()
                    : catalog.duplicateGroups(id, 0, GROUPS_SHOWN);
            ctx.throwIfCancelled();
            Charts charts = new Charts(catalog.tokenHistogram(id, RowFilter.ALL, HISTOGRAM_BINS),
                    catalog.rowsPerContributor(id, RowFilter.ALL, CATEGORIES_SHOWN),
                    catalog.rowsPerTag(id, RowFilter.ALL, CATEGORIES_SHOWN), catalog.flagCounts(id, RowFilter.ALL));
            return new Insights(id, duplicates, groups, exclusions, byStatus, bySplit, charts);
        }, result -> {
            if (mine == asked) {
                insights.set(result);
            }
        });
    }

    /** The latest answer for the chosen dataset, or null while none is known. */
    public ReadOnlyObjectProperty<Insights> insightsProperty() {
        return insights.getReadOnlyProperty();
    }
}
