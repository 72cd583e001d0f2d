package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowSort;
import dev.modelfactory.studio.task.TaskContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The row ids at table positions: taken from the pages in memory when made (on the delivery thread), the
 * others read page by page in the background by {@link #resolve} (same filter and order as the table).
 */
final class RowIds {

    private final DatasetCatalog catalog;
    private final long datasetId;
    private final RowFilter filter;
    private final RowSort order;
    private final Set<Long> ids = new LinkedHashSet<>();
    private final Map<Integer, List<Integer>> missingByPage = new TreeMap<>();

    RowIds(DatasetCatalog catalog, long datasetId, RowFilter filter, RowSort order, PagedRows shown, List<Integer> indices) {
        this.catalog = catalog;
        this.datasetId = datasetId;
        this.filter = filter;
        this.order = order;
        for (int index : indices) {
            DatasetRow row = shown.loaded(index);
            if (row != null) {
                ids.add(row.id());
            } else {
                missingByPage.computeIfAbsent(index / PagedRows.PAGE_SIZE, p -> new ArrayList<>()).add(index);
            }
        }
    }

    /** Every id, reading the pages not in memory (off the delivery thread). */
    Set<Long> resolve(TaskContext ctx) {
        for (var page : missingByPage.entrySet()) {
            ctx.throwIfCancelled();
            List<DatasetRow> fetched = catalog.rows(datasetId, filter, order, (long) page.getKey() * PagedRows.PAGE_SIZE,
                    PagedRows.PAGE_SIZE);
            for (int index : page.getValue()) {
                int at = index % PagedRows.PAGE_SIZE;
                if (at < fetched.size()) {
                    ids.add(fetched.get(at).id());
                }
            }
        }
        missingByPage.clear();
        return ids;
    }
}
