package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.store.dataset.DuplicateGroup;
import dev.modelfactory.ledger.store.dataset.UseExclusions;
import dev.modelfactory.studio.ui.PageLayout;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The dataset as a whole: exact duplicates (with the largest groups, each a click away in the table),
 * rows excluded from each use and whose, and charts of rows per status and per split.
 */
final class InsightsPane {

    static final String DUPLICATES_ID = "dataset-duplicates";
    static final String PERMISSIONS_ID = "dataset-permissions";
    static final String STATUS_CHART_ID = "dataset-chart-status";
    static final String SPLIT_CHART_ID = "dataset-chart-split";
    static final String ANALYSE_ID = "dataset-analyse";

    private final DatasetsViewModel model;
    private final Label duplicatesSummary = new Label();
    private final Button analyse = new Button("Analyse");
    private final FlowPane groups = new FlowPane(8, 6);
    private final GridPane permissions = new GridPane(16, 8);
    private final BarChart<String, Number> byStatus = chart(STATUS_CHART_ID, "Rows per status");
    private final BarChart<String, Number> bySplit = chart(SPLIT_CHART_ID, "Rows per split");
    private final VBox node;

    InsightsPane(DatasetsViewModel model) {
        this.model = model;
        duplicatesSummary.setId(DUPLICATES_ID);
        duplicatesSummary.setWrapText(true);
        permissions.setId(PERMISSIONS_ID);
        analyse.setId(ANALYSE_ID);
        analyse.setOnAction(e -> {
            model.insights().analyse();
            duplicatesSummary.setText("Working out\u2026 (full scans of the dataset)");
            analyse.setVisible(false);
        });
        analyse.managedProperty().bind(analyse.visibleProperty());
        HBox charts = new HBox(16, byStatus, bySplit);
        HBox.setHgrow(byStatus, Priority.ALWAYS);
        HBox.setHgrow(bySplit, Priority.ALWAYS);
        node = new VBox(22,
                PageLayout.section("Exact duplicates", "Rows whose normalised text is the same (rejected rows "
                        + "left out). Choose a group to see its rows in the table.", duplicatesSummary, analyse, groups),
                PageLayout.section("Permissions", "Rows whose contributor did not allow a use are left out of it.",
                        permissions),
                PageLayout.section("Charts", null, charts));
        model.insights().insightsProperty().addListener((obs, old, now) -> show(now));
        model.selectedProperty().addListener((obs, old, now) -> show(model.insights().insightsProperty().get()));
        show(null);
    }

    Node node() {
        return node;
    }

    private void show(InsightsViewModel.Insights insights) {
        groups.getChildren().clear();
        permissions.getChildren().clear();
        analyse.setVisible(insights == null && model.insights().waitsForRequest());
        if (insights == null) {
            duplicatesSummary.setText(model.selectedProperty().get() == null ? "No dataset chosen."
                    : analyse.isVisible() ? "A large dataset: duplicates, permissions and charts take full scans of "
                    + DatasetText.count(model.selectedProperty().get().rows(), "row") + "." : "Working out\u2026");
            byStatus.getData().clear();
            bySplit.getData().clear();
            return;
        }
        var d = insights.duplicates();
        duplicatesSummary.setText(d.groups() == 0 ? "No exact duplicates."
                : DatasetText.count(d.groups(), "group") + " of exact duplicates \u00b7 "
                        + DatasetText.count(d.redundantRows(), "redundant row") + " beyond the first of each \u00b7 "
                        + DatasetText.number(d.crossContributorGroups()) + " across contributors");
        for (DuplicateGroup g : insights.groups()) {
            Hyperlink link = new Hyperlink(g.normalisedHash().substring(0, 10) + " \u00d7" + g.rowIds().size()
                    + (g.contributors() > 1 ? " \u00b7 " + g.contributors() + " contributors" : ""));
            link.getStyleClass().add(DatasetStyles.MONO_CELL);
            link.setOnAction(e -> model.showDuplicateGroup(g.normalisedHash()));
            groups.getChildren().add(link);
        }
        if (model.duplicateGroupProperty().get() != null) {
            Button all = new Button("Show all rows");
            all.getStyleClass().add(Styles.FLAT);
            all.setOnAction(e -> model.showDuplicateGroup(null));
            groups.getChildren().add(all);
        }
        int row = 0;
        for (UseExclusions u : insights.exclusions()) {
            Label use = new Label(DatasetText.use(u.use()));
            use.getStyleClass().add(Styles.TEXT_BOLD);
            Label count = new Label(u.excludedRows() == 0 ? "no row excluded"
                    : DatasetText.count(u.excludedRows(), "row") + " excluded");
            Label whose = new Label(u.byContributor().stream().limit(5)
                    .map(c -> DatasetText.contributor(c.contributor()) + " (" + DatasetText.number(c.rows()) + ")")
                    .collect(Collectors.joining(", "))
                    + (u.byContributor().size() > 5 ? ", and " + (u.byContributor().size() - 5) + " more" : ""));
            whose.getStyleClass().add(DatasetStyles.HINT);
            whose.setWrapText(true);
            permissions.addRow(row++, use, count, whose);
        }
        byStatus.getData().setAll(List.of(series(insights.byStatus().entrySet().stream()
                .collect(Collectors.toMap(e -> DatasetText.status(e.getKey()), Map.Entry::getValue, (a, b) -> a,
                        java.util.LinkedHashMap::new)))));
        Map<String, Long> splits = new java.util.LinkedHashMap<>();
        for (Map.Entry<Split, Long> e : insights.bySplit().entrySet()) {
            splits.put(DatasetText.split(e.getKey()), e.getValue());
        }
        bySplit.getData().setAll(List.of(series(splits)));
    }

    private static XYChart.Series<String, Number> series(Map<String, Long> values) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        values.forEach((k, v) -> s.getData().add(new XYChart.Data<>(k, v)));
        return s;
    }

    private static BarChart<String, Number> chart(String id, String title) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(240);
        chart.setMinWidth(200);
        chart.getStyleClass().add(DatasetStyles.CHART);
        return chart;
    }
}
