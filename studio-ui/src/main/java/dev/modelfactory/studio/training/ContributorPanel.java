package dev.modelfactory.studio.training;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.modelfactory.ledger.store.run.RunSeries;
import dev.modelfactory.ledger.store.run.SeriesKind;
import dev.modelfactory.ledger.store.run.SeriesPoint;
import dev.modelfactory.ledger.store.run.SeriesSummary;
import dev.modelfactory.studio.charts.ChartSeries;
import dev.modelfactory.studio.charts.CurveChart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * One run's loss per contributor (or per tracked tag): a curve per series (training loss per token over
 * each logging window, or the validation loss on eval steps), a legend whose boxes hide and show series, and
 * a table of rows, first and latest loss and change, so a user sees whose data the model learns and whose it
 * does not. FX thread only; live points arrive coalesced through the session.
 */
final class ContributorPanel extends VBox {

    /** Which loss the chart draws. */
    enum Loss {
        TRAINING("Training loss"), VALIDATION("Validation loss");

        private final String label;

        Loss(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Tableau 10 again, by series order: contributors are told apart within one run. */
    private static final Color[] PALETTE = {Color.web("#4e79a7"), Color.web("#f28e2b"), Color.web("#e15759"),
            Color.web("#76b7b2"), Color.web("#59a14f"), Color.web("#edc948"), Color.web("#b07aa1"),
            Color.web("#ff9da7"), Color.web("#9c755f"), Color.web("#bab0ac"), Color.web("#17becf"),
            Color.web("#8c564b"), Color.web("#7f7f7f")};

    private final Label title = new Label("No per-contributor curves yet: they appear while a run trains.");
    private final ComboBox<SeriesKind> by = new ComboBox<>(FXCollections.observableArrayList(SeriesKind.values()));
    private final ComboBox<Loss> loss = new ComboBox<>(FXCollections.observableArrayList(Loss.values()));
    private final CurveChart byContributor = new CurveChart("Loss by contributor");
    private final CurveChart byTag = new CurveChart("Loss by tag");
    private CurveChart chart = byContributor;
    private final FlowPane legend = new FlowPane(12, 4);
    private final TableView<SeriesSummary> table = new TableView<>();
    private final Set<String> hidden = new HashSet<>();
    private List<RunSeries> series = List.of();
    private final List<SeriesPoint> points = new ArrayList<>();
    private final Map<String, ChartSeries> drawn = new LinkedHashMap<>();
    private long runId = -1;

    ContributorPanel() {
        super(8);
        setId("training-contributors");
        title.setId("training-contributors-title");
        title.getStyleClass().add(Styles.TEXT_MUTED);
        title.setWrapText(true);
        by.setId("training-contributors-by");
        by.setValue(SeriesKind.CONTRIBUTOR);
        by.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(SeriesKind k) {
                return k == null ? "" : k == SeriesKind.TAG ? "By tag" : "By contributor";
            }

            @Override
            public SeriesKind fromString(String s) {
                return SeriesKind.CONTRIBUTOR;
            }
        });
        loss.setId("training-contributors-loss");
        loss.setValue(Loss.TRAINING);
        by.valueProperty().addListener((o, a, b) -> rebuild());
        loss.valueProperty().addListener((o, a, b) -> rebuild());
        byContributor.setId("chart-contributors");
        byTag.setId("chart-tags");
        for (CurveChart c : List.of(byContributor, byTag)) {
            c.setPrefHeight(260);
            c.setXFormat(v -> String.format(Locale.ROOT, "%.0f", v));
        }
        legend.setId("training-contributors-legend");
        table.setId("training-contributors-table");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No series for this run."));
        table.getColumns().setAll(List.of(column("Contributor", 240, s -> s.series().key()),
                column("Rows", 70, s -> Long.toString(s.series().trainRows())),
                column("First loss", 90, s -> fmt(s.firstLoss(), false)),
                column("Latest loss", 90, s -> fmt(s.latestLoss(), false)),
                column("Change", 90, s -> fmt(s.change(), true)),
                column("Validation loss", 110, s -> fmt(s.latestEvalLoss(), false))));
        HBox controls = new HBox(10, by, loss);
        controls.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(title, controls, legend, chart, table);
    }

    /** The chart of the grouping shown. */
    CurveChart chart() {
        return chart;
    }

    /** Both charts (contributors, tags): for binding smoothing and log scale. */
    List<CurveChart> charts() {
        return List.of(byContributor, byTag);
    }

    long runId() {
        return runId;
    }

    /**
     * Shows a run's stored series and points (replacing what was shown; live points of the same run that
     * were not stored yet are kept).
     */
    void show(long run, String name, List<RunSeries> stored, List<SeriesPoint> storedPoints) {
        List<SeriesPoint> live = run == runId ? List.copyOf(points) : List.of();
        if (run != runId) {
            hidden.clear();
        }
        runId = run;
        series = List.copyOf(stored);
        points.clear();
        points.addAll(storedPoints);
        Set<String> have = new HashSet<>();
        storedPoints.forEach(p -> have.add(id(p)));
        live.stream().filter(p -> !have.contains(id(p))).forEach(points::add);
        points.sort(java.util.Comparator.comparingLong(SeriesPoint::step));
        title.setText(stored.isEmpty() ? "Run #" + run + " " + name + " has no per-contributor curves (yet)."
                : "Run #" + run + " " + name + " \u00b7 loss on each contributor's rows: falling where the model"
                + " learns them, flat where it does not");
        rebuild();
    }

    /**
     * Adds live points of the shown run; returns true when some belong to a series this panel has not read
     * yet (the caller then reads the run's series again).
     */
    boolean append(long run, List<SeriesPoint> fresh) {
        if (run != runId) {
            return false;
        }
        points.addAll(fresh);
        boolean unknown = false;
        for (SeriesPoint p : fresh) {
            if (series.stream().noneMatch(x -> x.kind() == p.kind() && x.key().equals(p.key()))) {
                unknown = true;
            } else if (p.kind() == by.getValue() && drawn.containsKey(p.key())) {
                add(drawn.get(p.key()), p);
            }
        }
        chart.redraw();
        refreshTable();
        return unknown;
    }

    private static String id(SeriesPoint p) {
        return p.kind() + "\u0000" + p.key() + "\u0000" + p.step();
    }

    private void rebuild() {
        SeriesKind kind = by.getValue();
        CurveChart want = kind == SeriesKind.TAG ? byTag : byContributor;
        if (want != chart) {
            getChildren().set(getChildren().indexOf(chart), want);
            chart = want;
        }
        table.getColumns().getFirst().setText(kind == SeriesKind.TAG ? "Tag" : "Contributor");
        drawn.clear();
        legend.getChildren().clear();
        List<RunSeries> shown = series.stream().filter(s -> s.kind() == kind).toList();
        for (int i = 0; i < shown.size(); i++) {
            String key = shown.get(i).key();
            Color colour = PALETTE[i % PALETTE.length];
            drawn.put(key, new ChartSeries(key, colour));
            CheckBox box = new CheckBox(key + " (" + shown.get(i).trainRows() + " rows)");
            box.setGraphic(new Circle(5, colour));
            box.setId("contributor-legend-" + i);
            box.setSelected(!hidden.contains(key));
            box.selectedProperty().addListener((o, a, b) -> {
                if (b) {
                    hidden.remove(key);
                } else {
                    hidden.add(key);
                }
                chart.setSeries(visible());
            });
            legend.getChildren().add(box);
        }
        for (SeriesPoint p : points) {
            ChartSeries cs = p.kind() == kind ? drawn.get(p.key()) : null;
            if (cs != null) {
                add(cs, p);
            }
        }
        chart.setSeries(visible());
        refreshTable();
    }

    private List<ChartSeries> visible() {
        return drawn.entrySet().stream().filter(e -> !hidden.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    private void refreshTable() {
        SeriesKind kind = by.getValue();
        table.getItems().setAll(SeriesSummary.of(series.stream().filter(s -> s.kind() == kind).toList(), points));
        // as tall as its rows (at most 13 contributors), no empty band below
        table.setPrefHeight(36 + 27 * Math.max(2, table.getItems().size()));
    }

    private void add(ChartSeries cs, SeriesPoint p) {
        OptionalDouble v = loss.getValue() == Loss.VALIDATION ? p.evalLoss() : p.trainLoss();
        // a point out of step order (a resumed run's repeated steps) stays stored but is not drawn
        if (v.isPresent() && (cs.size() == 0 || p.step() > cs.x(cs.size() - 1))) {
            cs.add(p.step(), v.getAsDouble());
        }
    }

    /** The table's rows, for tests. */
    List<SeriesSummary> rows() {
        return List.copyOf(table.getItems());
    }

    private static String fmt(OptionalDouble v, boolean signed) {
        return v.isPresent() ? String.format(Locale.ROOT, signed ? "%+.3f" : "%.3f", v.getAsDouble()) : "\u2013";
    }

    private static TableColumn<SeriesSummary, String> column(String name, double width,
            Function<SeriesSummary, String> value) {
        TableColumn<SeriesSummary, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(x -> new SimpleStringProperty(value.apply(x.getValue())));
        return c;
    }
}
