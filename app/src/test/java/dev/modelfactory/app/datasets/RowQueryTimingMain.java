package dev.modelfactory.app.datasets;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowSort;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Not a test: times the store calls the Datasets page makes on a big dataset (the one
 * {@link DatasetsFirstPaintMain} builds), one by one, to tell the page's share of its figures from the store's.
 */
public final class RowQueryTimingMain {

    private RowQueryTimingMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Workspace ws = Workspace.open(Path.of(args.length > 0 ? args[0] : "/tmp/ds-page-1m/ws"))) {
            DatasetStore store = new DatasetStore(ws);
            long id = store.findByName("million").orElseThrow().id();
            for (int run = 0; run < 2; run++) {
                time("count all", () -> store.count(id, RowFilter.ALL));
                time("first page, import order", () -> store.rows(id, RowFilter.ALL, RowSort.INSERTION, 0, 200).size());
                time("page at 900,000, import order", () -> store.rows(id, RowFilter.ALL, RowSort.INSERTION, 900_000, 200).size());
                time("first page, longest first", () -> store.rows(id, RowFilter.ALL, RowSort.LENGTH_DESC, 0, 200).size());
                time("count accepted", () -> store.count(id, RowFilter.ALL.withStatus(RowStatus.ACCEPTED)));
                time("count search", () -> store.count(id, RowFilter.ALL.withSearch("item 777777 ")));
                time("duplicates", () -> store.duplicates(id).groups());
                time("exclusions commercial", () -> store.exclusions(id, dev.modelfactory.ledger.dataset.Use.COMMERCIAL).excludedRows());
            }
        }
    }

    private static void time(String what, Supplier<Object> call) {
        long t0 = System.nanoTime();
        Object result = call.get();
        System.out.printf(Locale.ROOT, "%-32s %8.0f ms  (%s)%n", what, (System.nanoTime() - t0) / 1e6, result);
    }
}
