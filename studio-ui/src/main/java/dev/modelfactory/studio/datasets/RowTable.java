package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.RowSort;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * The rows table over {@link PagedRows}: position, status, split, contributor, length and a preview (tags
 * and the source file and line show in the row detail). Cells follow each {@link RowRef}'s row, so a page arriving repaints them; a row still loading
 * reads "…". Sorting is done by the store: the sortable columns (#, Contributor, Length) map to a
 * {@link RowSort}; the others do not sort.
 */
final class RowTable {

    static final String ID = "dataset-rows";
    static final String LOADING = "\u2026";

    private RowTable() {
    }

    static TableView<RowRef> create(DatasetsViewModel model) {
        TableView<RowRef> table = new TableView<>(model.rowsProperty().get());
        table.setId(ID);
        table.getStyleClass().addAll(DatasetStyles.TABLE, Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setFixedCellSize(26);
        table.setRowFactory(view -> new StatusRow());
        TableColumn<RowRef, String> index = column("#", 56, row -> null);
        index.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(
                DatasetText.number(cell.getValue().index() + 1)));
        index.getStyleClass().add(DatasetStyles.NUMBER_CELL);
        TableColumn<RowRef, String> contributor = column("Contributor", 124, r -> DatasetText.contributor(r.contributor()));
        TableColumn<RowRef, String> length = column("Length", 72, r -> DatasetText.number(r.content().contentLength()));
        length.getStyleClass().add(DatasetStyles.NUMBER_CELL);
        TableColumn<RowRef, String> preview = column("Preview", 320, r -> DatasetText.preview(r.content()));
        preview.setSortable(false);
        preview.setMinWidth(160);
        TableColumn<RowRef, String> status = unsortable(column("Status", 84, r -> DatasetText.status(r.status())));
        TableColumn<RowRef, String> split = unsortable(column("Split", 84,
                r -> r.split() == null ? DatasetText.NONE : DatasetText.split(r.split())));
        table.getColumns().setAll(List.of(index, status, split, contributor, length, preview));
        table.getColumns().forEach(c -> c.setMinWidth(Math.max(c.getMinWidth(), c == preview ? 160 : c.getPrefWidth())));
        table.setSortPolicy(view -> {
            model.sortProperty().set(sortOf(view, index, contributor, length));
            return true;
        });
        model.rowsProperty().addListener((obs, old, now) -> {
            table.setItems(now);
            now.onFirstPage(() -> {
                if (table.getItems() == now && !now.isEmpty() && table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().select(0);
                }
            });
        });
        followSelection(table, model);
        table.placeholderProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> new javafx.scene.control.Label(model.selectedProperty().get() == null ? "No dataset chosen."
                        : model.matchingProperty().get() == DatasetsViewModel.COUNTING ? "Reading rows\u2026"
                        : "No row matches the filters."),
                model.selectedProperty(), model.matchingProperty()));
        return table;
    }

    /** The store order for the table's first sort column. */
    static RowSort sortOf(TableView<RowRef> view, TableColumn<RowRef, ?> index, TableColumn<RowRef, ?> contributor,
                          TableColumn<RowRef, ?> length) {
        if (view.getSortOrder().isEmpty()) {
            return RowSort.INSERTION;
        }
        TableColumn<RowRef, ?> first = view.getSortOrder().getFirst();
        boolean down = first.getSortType() == TableColumn.SortType.DESCENDING;
        if (first == index) {
            return down ? RowSort.INSERTION_DESC : RowSort.INSERTION;
        }
        if (first == length) {
            return down ? RowSort.LENGTH_DESC : RowSort.LENGTH;
        }
        if (first == contributor) {
            return RowSort.CONTRIBUTOR; // the store sorts contributors one way only
        }
        return RowSort.INSERTION;
    }

    /** The detail pane follows the table's focused row, waiting for its page if it is still loading. */
    private static void followSelection(TableView<RowRef> table, DatasetsViewModel model) {
        ChangeListener<DatasetRow> arrived = (obs, old, now) -> {
            if (now != null) {
                model.detailProperty().set(now);
            }
        };
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.rowProperty().removeListener(arrived);
            }
            if (now == null) {
                return;
            }
            if (now.row() != null) {
                model.detailProperty().set(now.row());
            } else {
                now.rowProperty().addListener(arrived);
            }
        });
    }

    private static TableColumn<RowRef, String> column(String title, double width, Function<DatasetRow, String> text) {
        TableColumn<RowRef, String> column = new TableColumn<>(title);
        column.setId("dataset-column-" + title.replace("#", "index").toLowerCase(Locale.ROOT));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 60));
        column.setCellValueFactory(cell -> valueOf(cell.getValue(), text));
        return column;
    }

    private static ObservableValue<String> valueOf(RowRef ref, Function<DatasetRow, String> text) {
        return ref.rowProperty().map(text).orElse(LOADING);
    }

    private static <S, T> TableColumn<S, T> unsortable(TableColumn<S, T> column) {
        column.setSortable(false);
        return column;
    }

    /** Styles a row by its status (rejected rows read muted and struck through), once its page is in. */
    private static final class StatusRow extends TableRow<RowRef> {
        private final ChangeListener<DatasetRow> repaint = (obs, old, now) -> style(now);
        private RowRef watched;

        @Override
        protected void updateItem(RowRef item, boolean empty) {
            super.updateItem(item, empty);
            if (watched != null) {
                watched.rowProperty().removeListener(repaint);
            }
            watched = empty ? null : item;
            if (watched != null) {
                watched.rowProperty().addListener(repaint);
            }
            style(watched == null ? null : watched.row());
        }

        private void style(DatasetRow row) {
            getStyleClass().removeIf(c -> c.startsWith(DatasetStyles.STATUS_PREFIX) || c.equals(DatasetStyles.LOADING));
            if (watched != null && row == null) {
                getStyleClass().add(DatasetStyles.LOADING);
            } else if (row != null) {
                getStyleClass().add(DatasetStyles.STATUS_PREFIX + row.status().name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
