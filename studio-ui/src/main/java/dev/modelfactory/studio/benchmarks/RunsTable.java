package dev.modelfactory.studio.benchmarks;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend.RunRef;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The stored runs, newest first; "Open" (or a double click) shows one without evaluating again. */
final class RunsTable extends VBox {

    static final String ID = "bench-runs";
    static final String OPEN_ID = "bench-open-run";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final TableView<RunRef> table = new TableView<>();

    RunsTable(Consumer<RunRef> open) {
        super(6);
        table.setId(ID);
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No stored runs yet: run a suite above."));
        table.setPrefHeight(120);
        table.getColumns().setAll(List.of(column("Run", r -> Long.toString(r.id()), 60),
                column("Suite", r -> r.suite() + " v" + r.suiteVersion(), 180), column("Model", RunRef::model, 160),
                column("Systems", r -> String.join(", ", r.systems()), 260),
                column("Finished", r -> WHEN.format(r.finished()), 140)));
        table.setRowFactory(t -> {
            TableRow<RunRef> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
        Button openButton = new Button("Open");
        openButton.setId(OPEN_ID);
        openButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        openButton.setOnAction(e -> open.accept(table.getSelectionModel().getSelectedItem()));
        getChildren().addAll(table, new HBox(openButton));
    }

    void show(List<RunRef> runs) {
        RunRef selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(runs);
        if (selected != null && runs.contains(selected)) {
            table.getSelectionModel().select(selected);
        }
    }

    TableView<RunRef> table() {
        return table;
    }

    private static TableColumn<RunRef, String> column(String name, Function<RunRef, String> text, double width) {
        TableColumn<RunRef, String> col = new TableColumn<>(name);
        col.setCellValueFactory(f -> new ReadOnlyStringWrapper(text.apply(f.getValue())));
        col.setPrefWidth(width);
        return col;
    }
}
