package dev.modelfactory.studio.models;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.ui.Glyph;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The models table: name, source, architecture, parameters, quantisation, context, size, imported. Numbers
 * show human-readable and sort by value; rows whose files had a problem are marked and explain it on hover.
 */
final class ModelTable {

    static final String ID = "models-table";

    private ModelTable() {
    }

    static TableView<LocalModel> create(ModelsViewModel model) {
        TableView<LocalModel> table = new TableView<>(model.visibleModels());
        table.setId(ID);
        table.getStyleClass().addAll(ModelStyles.TABLE, Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS); // only Name flexes
        table.setRowFactory(view -> new ModelRow());
        table.getColumns().setAll(List.of(
                nameColumn(),
                textColumn("Source", 150, m -> m.source().label()),
                textColumn("Architecture", 118, m -> ModelText.orUnknown(m.architecture())),
                numberColumn("Parameters", 112, LocalModel::parameterCount, ModelText::parameters),
                textColumn("Quantisation", 118, m -> ModelText.orUnknown(m.quantisation())),
                numberColumn("Context", 90, m -> (long) m.contextLength(), n -> ModelText.context(n.intValue())),
                numberColumn("Size", 86, LocalModel::sizeBytes, ModelText::size),
                importedColumn()));
        model.sortOrderProperty().bind(table.comparatorProperty());
        table.setSortPolicy(view -> true); // the view model's sorted list follows the column order
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null || !model.visibleModels().contains(model.selectedProperty().get())) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });
        return table;
    }

    private static TableColumn<LocalModel, LocalModel> nameColumn() {
        TableColumn<LocalModel, LocalModel> column = new TableColumn<>("Name");
        column.setId("models-column-name");
        column.setPrefWidth(260);
        column.setMinWidth(160);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setComparator(Comparator.comparing(m -> m.name().toLowerCase(Locale.ROOT)));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(LocalModel item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
                setGraphic(empty || item == null || !item.hasProblem() ? null : Glyph.WARNING.node(14));
                setTooltip(empty || item == null ? null
                        : new Tooltip(item.hasProblem() ? item.problem() : item.location().toString()));
            }
        });
        return column;
    }

    private static TableColumn<LocalModel, String> textColumn(String title, double width,
            Function<LocalModel, String> value) {
        TableColumn<LocalModel, String> column = new TableColumn<>(title);
        column.setId(columnId(title));
        fixedWidth(column, width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** Sorts by the number, shows the text: "1.1 B" after "260 K". */
    private static TableColumn<LocalModel, Long> numberColumn(String title, double width,
            Function<LocalModel, Long> value, Function<Long, String> text) {
        TableColumn<LocalModel, Long> column = new TableColumn<>(title);
        column.setId(columnId(title));
        fixedWidth(column, width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        column.getStyleClass().add(ModelStyles.NUMBER_CELL);
        return column;
    }

    private static TableColumn<LocalModel, String> importedColumn() {
        TableColumn<LocalModel, String> column = textColumn("Imported", 140, ModelText::importedLabel);
        column.getStyleClass().add(ModelStyles.IMPORTED_CELL);
        return column;
    }

    /** Figures keep their width; the constrained policy gives the remaining space to Name. */
    private static void fixedWidth(TableColumn<LocalModel, ?> column, double width) {
        column.setPrefWidth(width);
        column.setMinWidth(width);
    }

    static String columnId(String title) {
        return "models-column-" + title.toLowerCase(Locale.ROOT);
    }

    /** Marks rows whose files could not be read. */
    private static final class ModelRow extends TableRow<LocalModel> {
        @Override
        protected void updateItem(LocalModel item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove(ModelStyles.PROBLEM_ROW);
            if (!empty && item != null && item.hasProblem()) {
                getStyleClass().add(ModelStyles.PROBLEM_ROW);
            }
        }
    }
}
