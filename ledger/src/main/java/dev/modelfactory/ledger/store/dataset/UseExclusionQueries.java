package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Use;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads "rows whose contributor did not allow a use, per contributor" from a grouped query. */
final class UseExclusionQueries {

    private UseExclusionQueries() {
    }

    /** Runs {@code sql} (parameters: the dataset or version id, then the use's bit) and sums its (contributor, count) rows. */
    static UseExclusions exclusions(Connection c, Use use, String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.setInt(2, use.bit());
            List<UseExclusions.ContributorCount> by = new ArrayList<>();
            long total = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    by.add(new UseExclusions.ContributorCount(rs.getString(1), rs.getLong(2)));
                    total += rs.getLong(2);
                }
            }
            return new UseExclusions(use, total, by);
        }
    }
}
