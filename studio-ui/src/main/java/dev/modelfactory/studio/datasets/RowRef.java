package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.store.dataset.DatasetRow;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One position of the rows table: its index in the query's order and the row, null until its page has
 * arrived. Cells observe {@link #rowProperty()}, so a page arriving repaints them without a list change
 * (which would disturb the table's selection).
 */
public final class RowRef {

    private final int index;
    private final ReadOnlyObjectWrapper<DatasetRow> row = new ReadOnlyObjectWrapper<>(this, "row");

    RowRef(int index) {
        this.index = index;
    }

    /** 0-based position in the query's order. */
    public int index() {
        return index;
    }

    /** The row, or null while its page is loading. */
    public DatasetRow row() {
        return row.get();
    }

    public ReadOnlyObjectProperty<DatasetRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    void set(DatasetRow value) {
        row.set(value);
    }

    @Override
    public String toString() {
        return "RowRef[" + index + ", " + (row.get() == null ? "loading" : "id " + row.get().id()) + "]";
    }
}
