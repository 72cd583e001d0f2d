package dev.modelfactory.ledger.store.dataset;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Which working-set rows a bulk curation operation applies to: an explicit set of row ids (a table
 * selection), or every row matching a {@link RowFilter} (applied inside the database, so a filter that
 * matches a million rows never brings them into memory). Ids not in the dataset's working set are
 * ignored.
 */
public sealed interface RowSelection {

    /** The rows with these ids. */
    static RowSelection ids(Collection<Long> ids) {
        return new Ids(Set.copyOf(ids));
    }

    /** Every row matching {@code filter}. */
    static RowSelection matching(RowFilter filter) {
        return new Matching(filter);
    }

    /** @param ids row ids */
    record Ids(Set<Long> ids) implements RowSelection {
        public Ids {
            ids = Set.copyOf(ids);
        }
    }

    /** @param filter the rows' criteria */
    record Matching(RowFilter filter) implements RowSelection {
        public Matching {
            Objects.requireNonNull(filter, "filter");
        }
    }
}
