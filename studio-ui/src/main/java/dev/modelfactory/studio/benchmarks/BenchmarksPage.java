package dev.modelfactory.studio.benchmarks;

import atlantafx.base.theme.Styles;
import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalListener;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend.RunRef;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend.SuiteRef;
import dev.modelfactory.studio.benchmarks.report.CsvReport;
import dev.modelfactory.studio.benchmarks.report.Example;
import dev.modelfactory.studio.benchmarks.report.HtmlReport;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskContext;
import dev.modelfactory.studio.task.Work;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Benchmarks: pick a suite (or make one from a dataset's test split, or import JSONL), a model and the
 * systems to compare (the base and its adapters), run them as one job with a progress bar per system and
 * cancel; open stored runs without evaluating again; read the comparison and the examples; export HTML and
 * CSV. Every backend call and every statistic runs as a background task.
 */
public final class BenchmarksPage implements Page {

    public static final String ID = "benchmarks";
    static final String SUITE_ID = "bench-suite";
    static final String MODEL_ID = "bench-model";
    static final String RUN_ID = "bench-run";
    static final String CANCEL_ID = "bench-cancel";
    static final String NEW_SUITE_ID = "bench-new-suite";
    static final String IMPORT_ID = "bench-import";
    static final String EXPORT_HTML_ID = "bench-export-html";
    static final String EXPORT_CSV_ID = "bench-export-csv";
    static final String STATUS_ID = "bench-status";

    private final StudioServices services;
    private final BenchmarksBackend backend;
    private final BenchmarksChooser chooser;
    private final ComboBox<SuiteRef> suite = new ComboBox<>();
    private final ComboBox<String> model = new ComboBox<>();
    private final SystemPicker systems = new SystemPicker(this::updateEnabled);
    private final Spinner<Integer> maxTokens = new Spinner<>(1, 4096, 128, 16);
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final Label status = new Label();
    private final RunProgressView progress = new RunProgressView();
    private final NewSuiteForm newSuite;
    private final RunsTable runs;
    private final ComparisonView comparison;
    private final ExamplesView examples;
    private final NearRowsView nearRows = new NearRowsView();
    private final Button exportHtml = new Button("Export HTML\u2026");
    private final Button exportCsv = new Button("Export CSV\u2026");
    private final ScrollPane root;
    private BackgroundTask<LoadedRun> job;
    private LoadedRun loaded;

    public BenchmarksPage(StudioServices services, BenchmarksBackend backend, BenchmarksChooser chooser) {
        this.services = Objects.requireNonNull(services, "services");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        this.newSuite = new NewSuiteForm(this::createSuite, () -> showNewSuite(false));
        this.runs = new RunsTable(ref -> open(ref.id()));
        this.comparison = new ComparisonView(this::changeBaseline);
        this.examples = new ExamplesView(this::similarRows);
        root = PageLayout.scrollingPage(
                PageLayout.header("Benchmarks", "Evaluate the base model and its adapters on a suite, and see "
                        + "where one is better than another, by how much, and whether it is outside the noise."),
                setupSection(), runsSection(), comparisonSection(), examplesSection());
        root.setId(ID);
        showNewSuite(false);
        updateEnabled();
    }

    /** The page with the operating system's file dialogs. */
    public static PageFactory factory(BenchmarksBackend backend) {
        return factory(backend, BenchmarksChooser.system());
    }

    public static PageFactory factory(BenchmarksBackend backend, BenchmarksChooser chooser) {
        return services -> new BenchmarksPage(services, backend, chooser);
    }

    private Node setupSection() {
        suite.setId(SUITE_ID);
        suite.setPromptText("Suites");
        suite.setPrefWidth(340);
        suite.setConverter(FxParts.converter(s -> s.name() + " v" + s.version() + " \u00b7 " + s.tasks() + " tasks, "
                + s.items() + " items"));
        suite.valueProperty().addListener((o, w, n) -> updateEnabled());
        Button create = new Button("New suite from dataset\u2026");
        create.setId(NEW_SUITE_ID);
        create.setOnAction(e -> showNewSuite(!newSuite.isVisible()));
        Button importSuite = new Button("Import JSONL\u2026");
        importSuite.setId(IMPORT_ID);
        importSuite.setOnAction(e -> chooser.suiteFile(root.getScene().getWindow()).ifPresent(this::importSuite));
        model.setId(MODEL_ID);
        model.setPromptText("Registered models");
        model.setPrefWidth(260);
        model.valueProperty().addListener((o, w, n) -> loadSystems(n));
        maxTokens.setPrefWidth(90);
        maxTokens.setEditable(true);
        run.setId(RUN_ID);
        run.getStyleClass().add(Styles.ACCENT);
        run.setOnAction(e -> runSelected());
        cancel.setId(CANCEL_ID);
        cancel.setOnAction(e -> {
            if (job != null) {
                job.cancel();
            }
        });
        status.setId(STATUS_ID);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        HBox suiteRow = FxParts.row(new Label("Suite"), suite, create, importSuite);
        HBox modelRow = FxParts.row(new Label("Model"), model, new Label("Max new tokens"), maxTokens);
        HBox runRow = FxParts.row(run, cancel, status);
        return PageLayout.section("Suite and systems", "Greedy decoding; the base weights are loaded once and "
                + "each adapter is applied in turn.", suiteRow, newSuite, modelRow,
                FxParts.row(new Label("Systems"), systems), runRow, progress);
    }

    private Node runsSection() {
        return PageLayout.section("Stored runs", "Opening a run reads its stored outputs: nothing is evaluated "
                + "again.", runs);
    }

    private Node comparisonSection() {
        exportHtml.setId(EXPORT_HTML_ID);
        exportHtml.setOnAction(e -> chooser.htmlReport(root.getScene().getWindow(), loaded.fileStem())
                .ifPresent(this::exportHtml));
        exportCsv.setId(EXPORT_CSV_ID);
        exportCsv.setOnAction(e -> chooser.csvReport(root.getScene().getWindow(), loaded.fileStem())
                .ifPresent(this::exportCsv));
        return PageLayout.section("Comparison", "Mean per metric with its bootstrap 95 % interval; the delta is "
                + "paired against the baseline on the same items.", FxParts.row(exportHtml, exportCsv), comparison);
    }

    private Node examplesSection() {
        return PageLayout.section("Examples", "Outputs side by side; underlined tokens are not in the reference. "
                + "A score of " + Example.RIGHT_FROM + " or more counts as right.", examples, nearRows);
    }

    // ---- actions ----

    /** Re-reads suites, models and stored runs (in the background). */
    public void reload() {
        background("Read benchmark suites and runs", c -> new Lists(backend.suites(), backend.models(), backend.runs()),
                lists -> {
                    SuiteRef chosen = suite.getValue();
                    suite.getItems().setAll(lists.suites());
                    suite.setValue(lists.suites().stream().filter(s -> s.equals(chosen)).findFirst()
                            .orElse(lists.suites().isEmpty() ? null : lists.suites().getFirst()));
                    String m = model.getValue();
                    model.getItems().setAll(lists.models());
                    model.setValue(m != null && lists.models().contains(m) ? m
                            : lists.models().isEmpty() ? null : lists.models().getFirst());
                    runs.show(lists.runs());
                });
    }

    private record Lists(List<SuiteRef> suites, List<String> models, List<RunRef> runs) {
    }

    private void loadSystems(String name) {
        systems.clear();
        if (name != null) {
            background("List adapters of " + name, c -> backend.adapters(name), adapters -> {
                if (name.equals(model.getValue())) {
                    systems.show(name, adapters);
                }
            });
        }
    }

    /** The systems ticked now, in the order shown. */
    public List<EvalSystem> selectedSystems() {
        return systems.selected();
    }

    private void createSuite(NewSuiteForm.Request r) {
        newSuite.setBusy(true);
        background("Create suite " + r.suiteName() + " from " + r.dataset(),
                c -> backend.createFromSplit(r.dataset(), r.suiteName(), r.metrics()), made -> {
                    newSuite.setBusy(false);
                    showNewSuite(false);
                    addSuite(made);
                }, () -> newSuite.setBusy(false));
    }

    private void importSuite(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        background("Import suite " + file.getFileName(), c -> backend.importSuite(file, name), this::addSuite, null);
    }

    private void addSuite(SuiteRef made) {
        suite.getItems().removeIf(s -> s.name().equals(made.name()) && s.version() == made.version());
        suite.getItems().addFirst(made);
        suite.setValue(made);
        status.setText("Suite " + made.name() + " v" + made.version() + ": " + made.items() + " items.");
    }

    private void showNewSuite(boolean show) {
        newSuite.setVisible(show);
        newSuite.setManaged(show);
    }

    /** Runs the ticked systems on the chosen suite and model as one job, then opens its result. */
    public void runSelected() {
        SuiteRef s = suite.getValue();
        String m = model.getValue();
        List<EvalSystem> chosen = selectedSystems();
        if (s == null || m == null || chosen.isEmpty() || job != null) {
            return;
        }
        Decoding decoding = Decoding.greedy(maxTokens.getValue());
        progress.start(chosen.stream().map(EvalSystem::label).toList());
        status.setText("Evaluating " + chosen.size() + " systems on " + s.name() + " v" + s.version() + "\u2026");
        EvalListener bars = progress.listener();
        int total = s.items() * chosen.size();
        job = BackgroundTask.of("Evaluate " + s.name() + " v" + s.version() + " on " + m, c -> {
            RunRef ref = backend.run(s.name(), s.version(), m, chosen, decoding, new JobListener(c, bars, total),
                    c::isCancelled);
            return LoadedRun.load(backend, ref);
        });
        job.onSuccess(done -> {
            job = null;
            progress.finish("done");
            status.setText("Run " + done.run().id() + " stored.");
            show(done);
            reload();
        }).onCancelled(() -> {
            job = null;
            progress.finish("cancelled");
            status.setText("Cancelled: nothing was stored.");
            updateEnabled();
        }).onFailure(e -> {
            job = null;
            progress.finish("failed");
            status.setText("The run failed: " + e.getMessage());
            services.errors().report("Benchmarks", e);
            updateEnabled();
        });
        updateEnabled();
        job.runOn(services.executor());
    }

    /** Opens stored run {@code runId}: reads its result and suite, computes the comparison; evaluates nothing. */
    public void open(long runId) {
        background("Open benchmark run " + runId, c -> LoadedRun.open(backend, runId), this::show);
    }

    private void changeBaseline(String baseline) {
        LoadedRun current = loaded;
        if (current == null || baseline.equals(current.comparison().baseline())) {
            return;
        }
        background("Compare against " + baseline, c -> current.withBaseline(baseline), this::show);
    }

    private void show(LoadedRun run) {
        loaded = run;
        comparison.show(run.comparison());
        examples.show(run.examples(), run.comparison().systems());
        nearRows.clear();
        updateEnabled();
    }

    private void similarRows(Example example, String system) {
        LoadedRun current = loaded;
        EvalSystem s = current.result().systems().stream().filter(x -> x.label().equals(system)).findFirst()
                .orElseThrow();
        String text = example.promptText() + "\n" + example.item().reference();
        nearRows.loading(example, system);
        background("Find training rows like " + example.item().id(), c -> backend.nearestTrainingRows(s, text,
                NearRowsView.K), rows -> nearRows.show(example, system, rows));
    }

    /** Writes the HTML report of the loaded comparison, with the examples the filter shows now. */
    public void exportHtml(Path file) {
        LoadedRun current = loaded;
        if (current == null) {
            return;
        }
        List<Example> shown = examples.shown();
        export("HTML report", file, f -> HtmlReport.builder(current.comparison()).examples(shown).build().write(f));
    }

    /** Writes every output of the loaded run as CSV. */
    public void exportCsv(Path file) {
        LoadedRun current = loaded;
        if (current == null) {
            return;
        }
        export("CSV", file, f -> CsvReport.write(f, current.result()));
    }

    private void export(String what, Path file, Consumer<Path> writer) {
        background("Export " + what + " " + file.getFileName(), c -> {
            writer.accept(file);
            return file;
        }, f -> status.setText("Wrote " + f));
    }

    private void updateEnabled() {
        boolean running = job != null;
        run.setDisable(running || suite.getValue() == null || model.getValue() == null || selectedSystems().isEmpty());
        cancel.setDisable(!running);
        exportHtml.setDisable(loaded == null);
        exportCsv.setDisable(loaded == null);
    }

    // ---- plumbing ----

    private <T> void background(String title, Work<T> work, Consumer<T> then) {
        background(title, work, then, null);
    }

    private <T> void background(String title, Work<T> work, Consumer<T> then, Runnable failed) {
        BackgroundTask.of(title, work).onSuccess(then).onFailure(e -> {
            if (failed != null) {
                failed.run();
            }
            services.errors().report(title, e);
        }).runOn(services.executor());
    }

    /** The run opened now, or null. */
    public LoadedRun loaded() {
        return loaded;
    }

    /** The evaluation job running now, or null. */
    public BackgroundTask<LoadedRun> job() {
        return job;
    }

    ComparisonView comparisonView() {
        return comparison;
    }

    ExamplesView examplesView() {
        return examples;
    }

    RunProgressView progressView() {
        return progress;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Benchmarks";
    }

    @Override
    public Node icon() {
        return Glyph.CURATE.node(16);
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void onShow() {
        if (job == null) {
            reload();
        }
    }
}
