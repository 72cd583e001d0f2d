package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.Database;
import java.sql.PreparedStatement;
import java.util.Arrays;

/**
 * Stores the near-duplicate clusters of a check: replaces the dataset's {@code near_dup} rows and moves
 * the {@link RowFlag#NEAR_DUPLICATE} bit to exactly the rows in a cluster of two or more, in one
 * transaction (only rows whose bit changes are updated).
 */
final class NearDuplicateWriter {

    private NearDuplicateWriter() {
    }

    /**
     * @param roots   for each clustered row, the index of its cluster's first row (from {@code LshClusterer.roots})
     * @param ids     the row id of each index, ascending
     * @param oldNear rows that carried the bit before
     * @return clusters of two rows or more
     */
    static long write(Database db, long datasetId, int[] roots, long[] ids, long[] oldNear) {
        int[] sizes = new int[roots.length];
        for (int r : roots) {
            sizes[r]++;
        }
        long clusters = Arrays.stream(sizes).filter(n -> n > 1).count();
        LongHashSet members = new LongHashSet();
        long[][] pairs = new long[(int) Arrays.stream(roots).filter(r -> sizes[r] > 1).count()][];
        int p = 0;
        for (int i = 0; i < roots.length; i++) {
            if (sizes[roots[i]] > 1) {
                pairs[p++] = new long[] {ids[roots[i]], ids[i]};
                members.add(ids[i]);
            }
        }
        Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        LongHashSet old = new LongHashSet();
        for (long id : oldNear) {
            old.add(id);
        }
        long near = RowFlag.NEAR_DUPLICATE.mask();
        db.inTransaction("write near-duplicate clusters of dataset " + datasetId, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM near_dup WHERE dataset_id = ?")) {
                del.setLong(1, datasetId);
                del.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO near_dup (dataset_id, cluster_id, row_id) VALUES (?, ?, ?)")) {
                int n = 0;
                for (long[] pair : pairs) {
                    s.setLong(1, datasetId);
                    s.setLong(2, pair[0]);
                    s.setLong(3, pair[1]);
                    s.addBatch();
                    if (++n % 5_000 == 0) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement clear = c.prepareStatement("UPDATE dataset_row SET flags = BITAND(flags, CAST(? AS BIGINT)) WHERE id = ?");
                 PreparedStatement set = c.prepareStatement("UPDATE dataset_row SET flags = BITOR(flags, CAST(? AS BIGINT)) WHERE id = ?")) {
                for (long id : oldNear) {
                    if (!members.contains(id)) {
                        clear.setLong(1, ~near);
                        clear.setLong(2, id);
                        clear.addBatch();
                    }
                }
                for (long[] pair : pairs) {
                    if (!old.contains(pair[1])) {
                        set.setLong(1, near);
                        set.setLong(2, pair[1]);
                        set.addBatch();
                    }
                }
                clear.executeBatch();
                set.executeBatch();
            }
            return null;
        });
        return clusters;
    }
}
