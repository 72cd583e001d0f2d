package dev.modelfactory.studio.benchmarks;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.modelfactory.studio.benchmarks.report.BarChartModel;
import dev.modelfactory.studio.benchmarks.report.Comparison;
import dev.modelfactory.studio.benchmarks.report.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The comparison of one result: baseline chooser, the task x metric x system table (mean and 95 % interval,
 * paired delta against the baseline with its interval, wins / ties / losses; significant deltas coloured and
 * marked with a symbol), and the charts (across tasks, then each task's metrics) with error bars.
 */
final class ComparisonView extends VBox {

    static final String TABLE_ID = "bench-comparison-table";
    static final String BASELINE_ID = "bench-baseline";
    static final String CHARTS_ID = "bench-charts";
    private static final double ROW_HEIGHT = 28;
    static final String BETTER_CLASS = "bench-better";
    static final String WORSE_CLASS = "bench-worse";

    private final ComboBox<String> baseline = new ComboBox<>();
    private final TableView<Comparison.Cell> table = new TableView<>();
    private final FlowPane charts = new FlowPane(12, 12);
    private final Label caption = new Label();
    private boolean updating;

    ComparisonView(Consumer<String> onBaseline) {
        super(10);
        baseline.setId(BASELINE_ID);
        baseline.valueProperty().addListener((obs, was, now) -> {
            if (!updating && now != null && !now.equals(was)) {
                onBaseline.accept(now);
            }
        });
        caption.getStyleClass().add(Styles.TEXT_MUTED);
        caption.setWrapText(true);
        Label baselineLabel = new Label("Baseline");
        baselineLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        baseline.setPrefWidth(150);
        baseline.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(8, baselineLabel, baseline, caption);
        top.setAlignment(Pos.CENTER_LEFT);
        table.setId(TABLE_ID);
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Run a comparison or open a stored run to see its metrics."));
        table.setFixedCellSize(ROW_HEIGHT);
        table.setPrefHeight(ROW_HEIGHT * 4);
        table.getColumns().setAll(List.of(column("Task", Comparison.Cell::task, 120),
                column("Metric", c -> c.metric().id(), 130), column("System", Comparison.Cell::system, 130),
                column("Mean [95 % CI]", c -> Verdict.meanText(c.summary()), 170), deltaColumn(),
                column("W / T / L", c -> c.delta().map(d -> d.wins() + " / " + d.ties() + " / " + d.losses())
                        .orElse(""), 90)));
        charts.setId(CHARTS_ID);
        getChildren().addAll(top, table, charts);
    }

    /** Shows {@code c} (null: nothing). */
    void show(Comparison c) {
        updating = true;
        try {
            if (c == null) {
                baseline.getItems().clear();
                table.getItems().clear();
                charts.getChildren().clear();
                caption.setText("");
                return;
            }
            baseline.getItems().setAll(c.systems());
            baseline.setValue(c.baseline());
            table.getItems().setAll(c.cells());
            table.setPrefHeight(Math.min(ROW_HEIGHT * (c.cells().size() + 1.6), ROW_HEIGHT * 18));
            caption.setText(c.result().suite() + " v" + c.result().suiteVersion() + " on " + c.result().model()
                    + " \u00b7 \u25B2 significantly better, \u25BC significantly worse than " + c.baseline()
                    + " (paired 95 % interval excludes zero)");
            List<BarChartView> views = new ArrayList<>();
            views.add(new BarChartView(BarChartModel.acrossTasks(c)));
            for (String task : c.tasks()) {
                views.add(new BarChartView(BarChartModel.perMetric(c, task)));
            }
            charts.getChildren().setAll(views);
        } finally {
            updating = false;
        }
    }

    TableView<Comparison.Cell> table() {
        return table;
    }

    ComboBox<String> baseline() {
        return baseline;
    }

    private static TableColumn<Comparison.Cell, String> column(String name, Function<Comparison.Cell, String> text,
            double width) {
        TableColumn<Comparison.Cell, String> col = new TableColumn<>(name);
        col.setCellValueFactory(f -> new ReadOnlyStringWrapper(text.apply(f.getValue())));
        col.setPrefWidth(width);
        col.setSortable(false);
        return col;
    }

    private static TableColumn<Comparison.Cell, String> deltaColumn() {
        TableColumn<Comparison.Cell, String> col = column("\u0394 vs baseline [95 % CI]",
                c -> c.delta().map(d -> Verdict.deltaText(c.metric(), d)).orElse("baseline"), 230);
        col.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().removeAll(BETTER_CLASS, WORSE_CLASS, Styles.TEXT_MUTED);
                setStyle("");
                setText(empty ? null : text);
                setTooltip(null);
                if (empty || getTableRow() == null || getTableRow().getItem() == null) {
                    return;
                }
                Comparison.Cell cell = getTableRow().getItem();
                if (cell.delta().isEmpty()) {
                    getStyleClass().add(Styles.TEXT_MUTED);
                    return;
                }
                Verdict v = Verdict.of(cell.metric(), cell.delta().get());
                switch (v) {
                    case BETTER -> {
                        getStyleClass().add(BETTER_CLASS);
                        setStyle("-fx-text-fill: -color-success-fg; -fx-font-weight: bold;");
                    }
                    case WORSE -> {
                        getStyleClass().add(WORSE_CLASS);
                        setStyle("-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;");
                    }
                    case NOISE -> { }
                }
                setTooltip(new javafx.scene.control.Tooltip(v.words()));
            }
        });
        return col;
    }
}
