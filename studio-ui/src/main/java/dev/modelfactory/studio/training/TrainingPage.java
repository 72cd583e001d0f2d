package dev.modelfactory.studio.training;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.charts.CurveChart;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javax.imageio.ImageIO;

/**
 * The live run (progress, pause / resume / stop), its six curves with smoothing, log scale, x axis, zoom,
 * hover and exports, past runs overlaid with a legend of their config differences, and the run table.
 */
public final class TrainingPage implements Page {

    public static final String ID = "training";

    private final TrainingSession session;
    private final StudioServices services;
    private final SaveChooser chooser;
    private final RunCharts charts = new RunCharts();
    private final ObservableSet<Long> overlaid = FXCollections.observableSet();
    private final Map<Long, RunRecord> records = new LinkedHashMap<>();
    private final Label runLabel = new Label("No run is training.");
    private final Label progressText = new Label("");
    private final ProgressBar progress = new ProgressBar(0);
    private final Button pause = new Button("Pause");
    private final Button resume = new Button("Resume");
    private final Button stop = new Button("Stop");
    private final Label status = new Label();
    private final VBox legend = new VBox(3);
    private final RunTable table;
    private final SamplesPanel samples = new SamplesPanel();
    private final ContributorPanel contributors = new ContributorPanel();
    private final Node view;
    private String contributorsName = "";

    public TrainingPage(StudioServices services, TrainingSession session, SaveChooser chooser) {
        this.services = services;
        this.session = session;
        this.chooser = chooser;
        this.table = new RunTable(overlaid, id -> session.resumeRun(id, records.containsKey(id)
                ? records.get(id).spec().name() : "run " + id));
        this.view = PageLayout.scrollingPage(
                PageLayout.header("Training", "Watch the run live and compare it with earlier runs."),
                liveSection(),
                chartSection(),
                PageLayout.section("By contributor", "Loss on each contributor's rows (and each tracked tag's): whose"
                        + " data the model learns and whose it does not. Untick a series to hide it; select a run"
                        + " below to see its curves.", contributors),
                PageLayout.section("Samples", "Answers to fixed prompts every few steps: watch them improve. Select"
                        + " a run below to see its samples.", samples),
                PageLayout.section("Runs", "Every run of this workspace; tick runs to overlay their curves.", table));
        ((javafx.scene.layout.Region) ((javafx.scene.control.ScrollPane) view).getContent()).lookupAll(".page")
                .forEach(n -> ((javafx.scene.layout.Region) n).setMaxWidth(1320));
        session.liveProperty().addListener((o, was, now) -> liveChanged(was, now));
        session.onPoints(this::points);
        session.onEnd(end -> refreshRuns());
        session.onSamples(samples::append);
        session.onSeries((run, fresh) -> {
            if (contributors.append(run, fresh)) {
                loadContributors(run, contributorsName);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.id() != samples.runId()) {
                loadSamples(b.id(), b.record().spec().name());
            }
            if (b != null && b.id() != contributors.runId()) {
                loadContributors(b.id(), b.record().spec().name());
            }
        });
        session.statusProperty().addListener((o, a, b) -> status.setText(b));
        overlaid.addListener((SetChangeListener<Long>) c -> {
            if (c.wasAdded()) {
                loadOverlay(c.getElementAdded());
            } else if (session.liveProperty().get() == null
                    || session.liveProperty().get().runId() != c.getElementRemoved()) {
                charts.hide(c.getElementRemoved());
                updateLegend();
            }
        });
        liveChanged(null, session.liveProperty().get());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Training";
    }

    @Override
    public Node icon() {
        return Glyph.COMPARE.node(16);
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void onShow() {
        refreshRuns();
    }

    private Node liveSection() {
        pause.setId("training-pause");
        resume.setId("training-resume");
        stop.setId("training-stop");
        stop.getStyleClass().add(Styles.DANGER);
        pause.setOnAction(e -> session.pause());
        resume.setOnAction(e -> session.resume());
        stop.setOnAction(e -> session.stop());
        progress.setId("training-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        runLabel.setId("training-run");
        runLabel.getStyleClass().add(Styles.TEXT_BOLD);
        progressText.setId("training-progress-text");
        status.setId("training-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setWrapText(true);
        for (Label l : List.of(runLabel, progressText, status)) {
            l.setMinWidth(0);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        HBox bar = new HBox(10, progress, pause, resume, stop);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, runLabel, bar, progressText, status);
        box.setPadding(new javafx.geometry.Insets(10, 14, 10, 14));
        return PageLayout.section("Live run", null, PageLayout.panel(box));
    }

    private Node chartSection() {
        Slider smoothing = new Slider(0, 0.99, 0.6);
        smoothing.setId("training-smoothing");
        smoothing.setPrefWidth(160);
        Label smoothingValue = new Label("0.60");
        smoothing.valueProperty().addListener((o, a, b) -> smoothingValue.setText(
                String.format(Locale.ROOT, "%.2f", b.doubleValue())));
        CheckBox log = new CheckBox("Log scale");
        log.setId("training-log");
        ComboBox<XAxis> axis = new ComboBox<>(FXCollections.observableArrayList(XAxis.values()));
        axis.setId("training-axis");
        axis.setValue(XAxis.STEP);
        axis.valueProperty().addListener((o, a, b) -> charts.setAxis(b));
        for (CurveChart c : charts.charts()) {
            // the learning rate is a schedule, not a noisy measurement: drawn as it is, on a linear axis
            if (c != charts.chart(MetricKind.LEARNING_RATE)) {
                c.smoothingProperty().bind(smoothing.valueProperty());
                c.logScaleProperty().bind(log.selectedProperty());
            } else {
                c.smoothingProperty().set(0);
            }
        }
        for (CurveChart c : contributors.charts()) {
            c.smoothingProperty().bind(smoothing.valueProperty());
            c.logScaleProperty().bind(log.selectedProperty());
        }
        Button reset = new Button("Reset zoom");
        reset.setOnAction(e -> charts.charts().forEach(CurveChart::resetZoom));
        Button png = new Button("Export PNG");
        png.setId("training-export-png");
        Button csv = new Button("Export CSV");
        csv.setId("training-export-csv");
        GridPane grid = new GridPane(12, 12);
        grid.setId("training-charts");
        for (int i = 0; i < 3; i++) {
            javafx.scene.layout.ColumnConstraints third = new javafx.scene.layout.ColumnConstraints();
            third.setPercentWidth(100.0 / 3);
            grid.getColumnConstraints().add(third);
        }
        List<CurveChart> all = charts.charts();
        for (int i = 0; i < all.size(); i++) {
            GridPane.setHgrow(all.get(i), Priority.ALWAYS);
            all.get(i).setPrefWidth(300);
            grid.add(all.get(i), i % 3, i / 3);
        }
        png.setOnAction(e -> chooser.saveFile("Export charts as PNG", "training-curves.png", grid.getScene().getWindow())
                .ifPresent(p -> exportPng(grid, p)));
        csv.setOnAction(e -> chooser.saveFile("Export metrics as CSV", "training-metrics.csv", grid.getScene().getWindow())
                .ifPresent(this::exportCsv));
        HBox controls = new HBox(10, new Label("Smoothing"), smoothing, smoothingValue, log, new Label("X axis"), axis,
                PageLayout.hgap(), reset, png, csv);
        controls.setAlignment(Pos.CENTER_LEFT);
        legend.setId("training-legend");
        Label hint = new Label("Scroll to zoom, drag to pan, double-click to show all; hover reads values.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        return PageLayout.section("Curves", null, controls, legend, grid, hint);
    }

    /** Writes every shown run's stored points (never the downsampled view). */
    void exportCsv(Path file) {
        Map<Long, Map.Entry<String, List<MetricPoint>>> runs = new LinkedHashMap<>();
        charts.points().forEach((id, pts) -> runs.put(id, Map.entry(charts.names().get(id), List.copyOf(pts))));
        BackgroundTask.of("Export metrics CSV", ctx -> {
            MetricsCsv.write(file, runs);
            return file;
        }).onSuccess(p -> status.setText("Exported " + p)).onFailure(e -> services.errors().report("Training", e)).runOn(services.executor());
    }

    private void exportPng(Node grid, Path file) {
        var image = grid.snapshot(new SnapshotParameters(), null);
        BackgroundTask.of("Export charts PNG", ctx -> {
            if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
                throw new IOException(file + ": no PNG writer");
            }
            return file;
        }).onSuccess(p -> status.setText("Exported " + p)).onFailure(e -> services.errors().report("Training", e)).runOn(services.executor());
    }

    private void liveChanged(LiveRun was, LiveRun now) {
        boolean running = now != null;
        pause.setDisable(!running || now.paused());
        resume.setDisable(!running || !now.paused());
        stop.setDisable(!running);
        if (now == null) {
            runLabel.setText("No run is training." + (session.queue().isEmpty() ? ""
                    : " " + session.queue().size() + " queued."));
            return;
        }
        if (was == null || was.runId() != now.runId()) {
            charts.show(now.runId(), now.name(), List.of());
            loadStored(now.runId(), now.name());
            loadSamples(now.runId(), now.name());
            loadContributors(now.runId(), now.name());
            refreshRuns(); // the new run's record (its config) for the table and the legend
        }
        runLabel.setText("#" + now.runId() + " " + now.name() + (now.paused() ? " \u00b7 paused" : "")
                + (session.queue().isEmpty() ? "" : " \u00b7 " + session.queue().size() + " queued"));
        int total = now.control().totalSteps();
        now.last().ifPresent(p -> {
            progress.setProgress(total > 0 ? Math.min(1.0, (double) p.step() / total) : -1);
            long eta = p.step() > 0 ? p.elapsedMillis() / p.step() * Math.max(0, total - p.step()) : 0;
            progressText.setText(String.format(Locale.ROOT, "step %d / %d \u00b7 epoch %.2f \u00b7 ETA %s",
                    p.step(), total, p.epoch(), RunSummary.duration(java.time.Duration.ofMillis(eta))));
        });
    }

    /** A resumed run's stored points before its checkpoint. */
    private void loadStored(long runId, String name) {
        BackgroundTask.of("Read metrics of run " + runId, ctx -> session.backend().metrics(runId))
                .onSuccess(stored -> {
                    if (charts.shows(runId) && charts.points().get(runId).isEmpty()) {
                        charts.show(runId, name, stored);
                    }
                }).onFailure(e -> services.errors().report("Training", e)).runOn(services.executor());
    }

    /** A run's stored samples (a live run's later ones arrive through the session). */
    private void loadSamples(long runId, String name) {
        BackgroundTask.of("Read samples of run " + runId, ctx -> session.backend().samples(runId))
                .onSuccess(stored -> samples.show(runId, name, stored))
                .onFailure(e -> services.errors().report("Training", e)).runOn(services.executor());
    }

    /** A run's stored loss series (a live run's later points arrive through the session). */
    private void loadContributors(long runId, String name) {
        contributorsName = name;
        BackgroundTask.of("Read contributor curves of run " + runId, ctx -> Map.entry(
                        session.backend().series(runId), session.backend().seriesPoints(runId)))
                .onSuccess(e -> contributors.show(runId, name, e.getKey(), e.getValue()))
                .onFailure(e -> services.errors().report("Training", e)).runOn(services.executor());
    }

    private void points(List<PointCoalescer.RunPoint> batch) {
        Map<Long, List<MetricPoint>> byRun = new LinkedHashMap<>();
        batch.forEach(p -> byRun.computeIfAbsent(p.runId(), k -> new ArrayList<>()).add(p.point()));
        byRun.forEach(charts::append);
    }

    private void loadOverlay(long runId) {
        String name = records.containsKey(runId) ? records.get(runId).spec().name() : "run " + runId;
        BackgroundTask.of("Read metrics of run " + runId, ctx -> session.backend().metrics(runId))
                .onSuccess(stored -> {
                    if (overlaid.contains(runId)) {
                        charts.show(runId, name, stored);
                        updateLegend();
                    }
                }).onFailure(e -> services.errors().report("Training", e)).runOn(services.executor());
    }

    private void refreshRuns() {
        BackgroundTask.of("Read training runs", ctx -> {
            List<RunSummary> out = new ArrayList<>();
            for (RunRecord r : session.backend().runs()) {
                out.add(RunSummary.of(r, session.backend().metrics(r.id())));
            }
            return out;
        }).onSuccess(list -> {
            records.clear();
            list.forEach(s -> records.put(s.id(), s.record()));
            table.getItems().setAll(list);
            updateLegend();
            if (samples.runId() < 0 && !list.isEmpty()) {
                loadSamples(list.getFirst().id(), list.getFirst().record().spec().name()); // the newest, after a restart
            }
            if (contributors.runId() < 0 && !list.isEmpty()) {
                loadContributors(list.getFirst().id(), list.getFirst().record().spec().name());
            }
        }).onFailure(e -> services.errors().report("Training", e)).runOn(services.executor());
    }

    private void updateLegend() {
        Map<Long, String> configs = new LinkedHashMap<>();
        for (Long id : charts.names().keySet()) {
            configs.put(id, records.containsKey(id) ? records.get(id).spec().configJson() : "{}");
        }
        Map<Long, String> diffs = ConfigDiff.differences(configs);
        legend.getChildren().clear();
        for (var e : charts.names().entrySet()) {
            String diff = diffs.getOrDefault(e.getKey(), "");
            Label l = new Label("#" + e.getKey() + " " + e.getValue() + (diff.isEmpty() ? "" : "  \u00b7 " + diff),
                    new Circle(5, RunCharts.colour(e.getKey())));
            l.setId("legend-" + e.getKey());
            l.setWrapText(true);
            l.setMinWidth(0);
            legend.getChildren().add(l);
        }
    }

    /** The samples panel, for tests. */
    SamplesPanel samplesPanel() {
        return samples;
    }

    /** The contributor curves, for tests. */
    ContributorPanel contributorPanel() {
        return contributors;
    }

    /** The charts, for tests. */
    RunCharts runCharts() {
        return charts;
    }
}
