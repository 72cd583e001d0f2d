package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.store.dataset.CategoryCount;
import dev.modelfactory.ledger.store.dataset.DuplicateGroup;
import dev.modelfactory.ledger.store.dataset.TokenHistogram;
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
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The dataset as a whole: exact duplicates (with the largest groups, each a click away in the table),
 * rows excluded from each use and whose, and charts: rows per status, split, contributor, tag and check flag,
 * and the token-length histogram.
 */
final class InsightsPane {

    static final String DUPLICATES_ID = "dataset-duplicates";
    static final String PERMISSIONS_ID = "dataset-permissions";
    static final String STATUS_CHART_ID = "dataset-chart-status";
    static final String SPLIT_CHART_ID = "dataset-chart-split";
    static final String ANALYSE_ID = "dataset-analyse";
    static final String TOKENS_CHART_ID = "dataset-chart-tokens";
    static final String CONTRIBUTOR_CHART_ID = "dataset-chart-contributor";
    static final String TAG_CHART_ID = "dataset-chart-tag";
    static final String FLAG_CHART_ID = "dataset-chart-flag";

    private final DatasetsViewModel model;
    private final Label duplicatesSummary = new Label();
    private final Button analyse = new Button("Analyse");
    private final FlowPane groups = new FlowPane(8, 6);
    private final GridPane permissions = new GridPane(16, 8);
    private final BarChart<String, Number> byStatus = chart(STATUS_CHART_ID, "Rows per status");
    private final BarChart<String, Number> bySplit = chart(SPLIT_CHART_ID, "Rows per split");
    private final BarChart<String, Number> tokens = chart(TOKENS_CHART_ID, "Token length (rows per bin)");
    private final BarChart<Number, String> byContributor = sideways(CONTRIBUTOR_CHART_ID, "Rows per contributor");
    private final BarChart<Number, String> byTag = sideways(TAG_CHART_ID, "Rows per tag");
    private final BarChart<Number, String> byFlag = sideways(FLAG_CHART_ID, "Rows per check flag");
    private final Label tokensNote = new Label();
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
        GridPane charts = new GridPane(16, 12);
        charts.addRow(0, byStatus, bySplit, tokens);
        charts.addRow(1, byContributor, byTag, byFlag);
        for (int c = 0; c < 3; c++) {
            javafx.scene.layout.ColumnConstraints column = new javafx.scene.layout.ColumnConstraints();
            column.setPercentWidth(100.0 / 3);
            column.setHgrow(Priority.ALWAYS);
            charts.getColumnConstraints().add(column);
        }
        tokens.getXAxis().setTickLabelRotation(-45);
        tokensNote.getStyleClass().add(DatasetStyles.HINT);
        tokensNote.setWrapText(true);
        node = new VBox(22,
                PageLayout.section("Exact duplicates", "Rows whose normalised text is the same (rejected rows "
                        + "left out). Choose a group to see its rows in the table.", duplicatesSummary, analyse, groups),
                PageLayout.section("Permissions", "Rows whose contributor did not allow a use are left out of it.",
                        permissions),
                PageLayout.section("Charts", null, tokensNote, charts));
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
            for (BarChart<?, ?> c : List.of(byStatus, bySplit, tokens, byContributor, byTag, byFlag)) {
                c.getData().clear();
            }
            tokensNote.setText("");
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
        showCharts(insights.charts());
    }

    private void showCharts(InsightsViewModel.Charts charts) {
        Map<String, Long> bins = new java.util.LinkedHashMap<>();
        for (TokenHistogram.Bin b : charts.tokens().bins()) {
            bins.put(b.to() - b.from() <= 1 ? Long.toString(b.from()) : b.from() + "\u2013" + (b.to() - 1), b.rows());
        }
        tokens.getData().setAll(List.of(series(bins)));
        long uncounted = charts.tokens().uncounted();
        tokensNote.setText(uncounted == 0 ? "" : DatasetText.count(uncounted, "row") + " without a token count yet:"
                + " Run checks counts them (and fills the flag chart).");
        byContributor.getData().setAll(List.of(bars(categories(charts.byContributor(), true))));
        byTag.getData().setAll(List.of(bars(categories(charts.byTag(), false))));
        Map<String, Long> flags = new java.util.LinkedHashMap<>();
        charts.byFlag().forEach((f, n) -> {
            if (n > 0) { // only the flags some row carries: a dozen empty bars would crowd the axis
                flags.put(f.name().equals("PII") ? "PII (any kind)" : f.name().startsWith("PII_") ? "PII " + DatasetText.capital(f.name().substring(4)).toLowerCase(
                        java.util.Locale.ROOT) : DatasetText.capital(f.name()), n);
            }
        });
        byFlag.getData().setAll(List.of(bars(flags)));
    }

    private static Map<String, Long> categories(List<CategoryCount> counts, boolean contributors) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (CategoryCount c : counts) {
            String name = c.name() == null ? (contributors ? DatasetText.NONE : "untagged")
                    : contributors ? DatasetText.contributor(c.name()) : c.name();
            out.merge(name.length() > 18 ? name.substring(0, 17) + "\u2026" : name, c.rows(), Long::sum);
        }
        return out;
    }

    private static XYChart.Series<String, Number> series(Map<String, Long> values) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        values.forEach((k, v) -> s.getData().add(new XYChart.Data<>(k, v)));
        return s;
    }

    /** Bars along x with the names on y, the first (largest) at the top: long names stay readable. */
    private static XYChart.Series<Number, String> bars(Map<String, Long> values) {
        XYChart.Series<Number, String> s = new XYChart.Series<>();
        values.forEach((k, v) -> s.getData().addFirst(new XYChart.Data<>(v, k)));
        return s;
    }

    private static BarChart<Number, String> sideways(String id, String title) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(true);
        BarChart<Number, String> chart = new BarChart<>(x, new CategoryAxis());
        chart.setId(id);
        chart.setTitle(title);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(240);
        chart.setMinWidth(200);
        chart.getStyleClass().add(DatasetStyles.CHART);
        return chart;
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
