package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;

/** The workspace's datasets: name, rows and versions; choosing one shows its rows. */
final class DatasetList {

    static final String ID = "dataset-list";
    static final String EMPTY_ID = "dataset-list-empty";

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm", java.util.Locale.ROOT).withZone(java.time.ZoneId.systemDefault());

    private final StackPane node;

    DatasetList(DatasetsViewModel model) {
        TableView<DatasetSummary> table = new TableView<>(model.datasets());
        table.setId(ID);
        table.getStyleClass().addAll(DatasetStyles.LIST, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<DatasetSummary, String> name = new TableColumn<>("Dataset");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setPrefWidth(220);
        TableColumn<DatasetSummary, Long> rows = new TableColumn<>("Rows");
        rows.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rows()));
        rows.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : DatasetText.number(item));
            }
        });
        rows.setPrefWidth(110);
        rows.getStyleClass().add(DatasetStyles.NUMBER_CELL);
        TableColumn<DatasetSummary, Integer> versions = new TableColumn<>("Versions");
        versions.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().versions()));
        versions.setPrefWidth(90);
        versions.getStyleClass().add(DatasetStyles.NUMBER_CELL);
        TableColumn<DatasetSummary, String> created = new TableColumn<>("Created");
        created.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(WHEN.format(c.getValue().createdAt())));
        created.setPrefWidth(150);
        TableColumn<DatasetSummary, String> description = new TableColumn<>("Description");
        description.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().description()));
        description.setPrefWidth(300);
        table.getColumns().setAll(List.of(name, rows, versions, created, description));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });
        table.setPlaceholder(new Label(""));
        Node empty = PageLayout.emptyState(Glyph.DATABASE, "No datasets yet",
                "Import a JSON, JSONL, CSV or TSV file, or a folder of .txt/.md files.");
        empty.setId(EMPTY_ID);
        empty.visibleProperty().bind(model.loadedProperty().and(Bindings.isEmpty(model.datasets())));
        empty.setMouseTransparent(true);
        node = new StackPane(table, empty);
        node.getStyleClass().add("dataset-list-holder");
    }

    Node node() {
        return node;
    }
}
