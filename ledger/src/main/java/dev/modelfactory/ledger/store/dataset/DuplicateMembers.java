package dev.modelfactory.ledger.store.dataset;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The rows of a dataset that are exact duplicates (same normalised hash as another row not rejected),
 * and those of them whose group spans several contributors. Read from {@code dataset_dup}, so only the
 * duplicate candidates are touched; memory is proportional to them.
 */
final class DuplicateMembers {

    final LongHashSet exact = new LongHashSet();
    final LongHashSet crossContributor = new LongHashSet();

    private DuplicateMembers() {
    }

    static DuplicateMembers read(Connection c, long datasetId) throws SQLException {
        DuplicateMembers out = new DuplicateMembers();
        try (PreparedStatement s = c.prepareStatement("SELECT x.id, x.norm_hash, COALESCE(x.contributor, '')"
                + " FROM dataset_dup a JOIN dataset_row x ON x.id = a.row_id WHERE a.dataset_id = ?"
                + " AND x.status <> 'rejected' ORDER BY a.norm_key, x.norm_hash")) {
            s.setLong(1, datasetId);
            try (ResultSet rs = s.executeQuery()) {
                Group g = new Group();
                while (rs.next()) {
                    String hash = rs.getString(2);
                    if (!hash.equals(g.hash)) {
                        g.close(out);
                        g = new Group();
                        g.hash = hash;
                    }
                    g.ids.add(rs.getLong(1));
                    g.contributors.add(rs.getString(3));
                }
                g.close(out);
            }
        }
        return out;
    }

    /** The rows of one normalised hash, as they are read. */
    private static final class Group {
        String hash;
        final CheckRunner.LongList ids = new CheckRunner.LongList();
        final Set<String> contributors = new HashSet<>();

        void close(DuplicateMembers out) {
            long[] members = ids.toArray();
            if (members.length < 2) {
                return;
            }
            for (long id : members) {
                out.exact.add(id);
                if (contributors.size() > 1) {
                    out.crossContributor.add(id);
                }
            }
        }
    }
}
