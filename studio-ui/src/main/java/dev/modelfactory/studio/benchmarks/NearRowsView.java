package dev.modelfactory.studio.benchmarks;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend.NearRow;
import dev.modelfactory.studio.benchmarks.report.Example;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * The training rows nearest an example (by n-gram overlap) in the data a system's adapter was trained on:
 * dataset and version, a preview, the contributor and the overlap, so the curator can find and fix them.
 */
final class NearRowsView extends VBox {

    static final String ID = "bench-near-rows";
    static final int K = 10;

    private final Label title = new Label();
    private final TableView<NearRow> table = new TableView<>();

    NearRowsView() {
        super(6);
        title.getStyleClass().add(Styles.TEXT_BOLD);
        table.setId(ID);
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(200);
        table.getColumns().setAll(List.of(column("Dataset", r -> r.dataset() + " v" + r.version(), 150),
                column("Overlap", r -> String.format(Locale.ROOT, "%.2f", r.overlap()), 70),
                column("Contributor", NearRow::contributor, 130), column("Row", r -> r.rowHash().length() > 12
                        ? r.rowHash().substring(0, 12) : r.rowHash(), 110),
                column("Preview", NearRow::preview, 420)));
        getChildren().addAll(title, table);
        clear();
    }

    void clear() {
        table.getItems().clear();
        setVisible(false);
        setManaged(false);
    }

    void loading(Example e, String system) {
        setVisible(true);
        setManaged(true);
        title.setText("Training rows like " + e.task() + " \u00b7 " + e.item().id() + " (" + system + "): searching\u2026");
        table.getItems().clear();
    }

    void show(Example e, String system, List<NearRow> rows) {
        setVisible(true);
        setManaged(true);
        title.setText("Training rows like " + e.task() + " \u00b7 " + e.item().id() + " (" + system + ")");
        table.setPlaceholder(new Label(system + " has no training rows on record (the base, or an imported "
                + "adapter without a run)."));
        table.getItems().setAll(rows);
    }

    TableView<NearRow> table() {
        return table;
    }

    private static TableColumn<NearRow, String> column(String name, Function<NearRow, String> text, double width) {
        TableColumn<NearRow, String> col = new TableColumn<>(name);
        col.setCellValueFactory(f -> new ReadOnlyStringWrapper(text.apply(f.getValue())));
        col.setPrefWidth(width);
        return col;
    }
}
