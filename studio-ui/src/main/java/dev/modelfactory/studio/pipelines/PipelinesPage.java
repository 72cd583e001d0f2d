package dev.modelfactory.studio.pipelines;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskContext;
import dev.modelfactory.studio.task.Work;
import dev.modelfactory.studio.ui.PageLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Pipelines: the workspace's pipelines (add a YAML file, validate it, see its problems by line and field) and
 * their runs; a run as a graph of its steps with the chosen step's log, timings and outputs; start, cancel,
 * resume, and approve / reject a waiting {@code approve} step. Every backend call runs as a background task;
 * a run's live news reaches the page through {@link LiveFeed}.
 */
public final class PipelinesPage implements Page {

    public static final String ID = "pipelines";
    public static final String ADD_ID = "pipelines-add";
    public static final String VALIDATE_ID = "pipelines-validate";
    public static final String RUN_ID = "pipelines-run";
    public static final String REFRESH_ID = "pipelines-refresh";
    public static final String CANCEL_ID = "pipeline-cancel";
    public static final String RESUME_ID = "pipeline-resume";
    public static final String PROBLEMS_ID = "pipelines-problems";
    public static final String RUN_TITLE_ID = "pipeline-run-title";
    /** A step's box in the graph: this prefix and the step's name. */
    public static final String NODE_ID_PREFIX = "pipeline-step-";
    public static final String STEP_TITLE_ID = "pipeline-step-title";
    public static final String STEP_ERROR_ID = "pipeline-step-error";
    public static final String STEP_LOG_ID = "pipeline-step-log";
    public static final String APPROVE_ID = "pipeline-approve";
    public static final String REJECT_ID = "pipeline-reject";
    public static final String REASON_ID = "pipeline-reject-reason";
    /** The chosen step's output links: this prefix and 0, 1, ... */
    public static final String LINK_ID_PREFIX = "pipeline-link-";
    static final String STYLESHEET = "/assets/styles/pipelines.css";

    private final StudioServices services;
    private final PipelinesBackend backend;
    private final PipelineChooser chooser;
    private final PipelineTable pipelines = new PipelineTable(this::pipelineChosen);
    private final RunTable runs = new RunTable(r -> openRun(r.id()));
    private final Button add = new Button("Add from file\u2026");
    private final Button validate = new Button("Validate");
    private final Button run = new Button("Run");
    private final Button refresh = new Button("Refresh");
    private final Button cancel = new Button("Cancel");
    private final Button resume = new Button("Resume");
    private final RunView view;
    private final ScrollPane root;
    private BackgroundTask<RunDetail> job;

    public PipelinesPage(StudioServices services, PipelinesBackend backend, PipelineChooser chooser,
            OutputOpener opener) {
        this.services = Objects.requireNonNull(services, "services");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        this.view = new RunView(Objects.requireNonNull(opener, "opener"), this::approve, this::reject, cancel, resume);
        root = PageLayout.scrollingPage(
                PageLayout.header("Pipelines", "Run the same chain every time the data changes: import, check, "
                        + "freeze, train, evaluate, gate, approve, attest, export. Steps whose inputs did not change "
                        + "are skipped; a failed run resumes where it stopped."),
                columns(pipelinesSection(), runsSection()), runSection());
        root.setId(ID);
        ((Region) root.getContent()).lookupAll(".page").forEach(n -> ((Region) n).setMaxWidth(1360));
        root.getStylesheets().add(Objects.requireNonNull(PipelinesPage.class.getResource(STYLESHEET), STYLESHEET)
                .toExternalForm());
        updateEnabled();
    }

    /** The page with the system file dialog. */
    public static PageFactory factory(PipelinesBackend backend, OutputOpener opener) {
        return factory(backend, PipelineChooser.system(), opener);
    }

    public static PageFactory factory(PipelinesBackend backend, PipelineChooser chooser, OutputOpener opener) {
        return services -> new PipelinesPage(services, backend, chooser, opener);
    }

    private Node pipelinesSection() {
        add.setId(ADD_ID);
        add.setOnAction(e -> chooser.pipelineFile(root.getScene().getWindow()).ifPresent(this::addFile));
        validate.setId(VALIDATE_ID);
        validate.setOnAction(e -> validateChosen());
        run.setId(RUN_ID);
        run.getStyleClass().add(Styles.ACCENT);
        run.setOnAction(e -> start());
        refresh.setId(REFRESH_ID);
        refresh.setOnAction(e -> reload());
        return PageLayout.section("Pipelines", "A pipeline is a YAML file of steps with named inputs and outputs.",
                row(add, validate, run, refresh), pipelines);
    }

    private Node runsSection() {
        return PageLayout.section("Runs", "Every run is recorded step by step: input and output hashes, log, "
                + "duration.", runs);
    }

    private Node runSection() {
        cancel.setId(CANCEL_ID);
        cancel.setOnAction(e -> {
            if (job != null) {
                job.cancel();
            }
        });
        resume.setId(RESUME_ID);
        resume.setOnAction(e -> resume());
        return PageLayout.section("Run", "Click a step for its log, timings and outputs. Solid arrows carry a value "
                + "from the step that makes it to the steps that read it; dashed ones only order.", view);
    }

    // ---- actions ----

    /** Lists the pipelines again (in the background), keeping the chosen one. */
    public void reload() {
        background("List pipelines", c -> backend.pipelines(), list -> pipelines.show(list, null));
    }

    private void addFile(Path file) {
        background("Add pipeline " + file.getFileName(), c -> backend.add(file), info -> {
            pipelines.replace(info);
            updateEnabled();
        });
    }

    private void validateChosen() {
        PipelineInfo p = pipelines.chosen();
        if (p != null) {
            background("Validate pipeline " + p.name(), c -> backend.validate(p.name()), info -> {
                pipelines.replace(info);
                updateEnabled();
            });
        }
    }

    private void pipelineChosen(PipelineInfo p) {
        updateEnabled();
        if (p == null || job != null) {
            return;
        }
        background("List runs of " + p.name(), c -> backend.runs(p.name()), list -> {
            if (job != null || !p.equals(pipelines.chosen())) {
                return;
            }
            runs.show(list, -1);
            if (!list.isEmpty()) {
                openRun(list.getFirst().id());
            } else {
                view.showPlan(p);
            }
        });
    }

    /** Shows stored run {@code runId} (read in the background). */
    public void openRun(long runId) {
        background("Open pipeline run " + runId, c -> backend.run(runId), d -> {
            if (job == null) {
                showRun(d, true);
            }
        });
    }

    /** Starts a run of the chosen (valid) pipeline. */
    public void start() {
        PipelineInfo p = pipelines.chosen();
        if (p != null && p.valid() && job == null) {
            drive("Run pipeline " + p.name(), (feed, c) -> backend.start(p.name(), feed, c::isCancelled));
        }
    }

    private void resume() {
        RunDetail d = view.shown();
        if (d != null && d.id() > 0 && d.status().isResumable() && job == null) {
            drive("Resume pipeline run " + d.id(), (feed, c) -> backend.resume(d.id(), feed, c::isCancelled));
        }
    }

    private void approve(StepRun step) {
        RunDetail d = view.shown();
        if (d != null && step.awaitsApproval() && job == null) {
            drive("Approve " + step.id() + " of run " + d.id(),
                    (feed, c) -> backend.approve(d.id(), step.id(), feed, c::isCancelled));
        }
    }

    private void reject(StepRun step, String reason) {
        RunDetail d = view.shown();
        if (d != null && step.awaitsApproval() && !reason.isBlank() && job == null) {
            drive("Reject " + step.id() + " of run " + d.id(), (feed, c) -> backend.reject(d.id(), step.id(), reason));
        }
    }

    /** A backend call that drives a run: live news to the page, progress to the task list. */
    private interface Drive {
        RunDetail run(LiveFeed feed, TaskContext context) throws Exception;
    }

    private void drive(String title, Drive call) {
        view.follow();
        Work<RunDetail> work = c -> call.run(new LiveFeed(this::news, d -> {
            c.updateProgress(d.finishedSteps(), d.steps().size());
            d.steps().stream().filter(s -> s.status() == StepStatus.RUNNING).findFirst()
                    .ifPresent(s -> c.updateMessage(s.kind() + " " + s.id()));
        }), c);
        job = BackgroundTask.of(title, work);
        long known = view.shown() == null ? -1 : view.shown().id();
        job.onSuccess(d -> {
            job = null;
            showRun(d, false);
            reloadRuns();
        }).onCancelled(() -> {
            job = null;
            afterStop(known);
        }).onFailure(e -> {
            job = null;
            afterStop(known);
            services.errors().report(title, e);
        });
        updateEnabled();
        job.runOn(services.executor());
    }

    /** After a cancelled or failed call: the run as stored now. */
    private void afterStop(long known) {
        RunDetail now = view.shown();
        long id = now != null && now.id() > 0 ? now.id() : known;
        if (id > 0) {
            openRun(id);
        }
        reloadRuns();
        updateEnabled();
    }

    private void reloadRuns() {
        PipelineInfo p = pipelines.chosen();
        if (p != null) {
            background("List runs of " + p.name(), c -> backend.runs(p.name()),
                    list -> runs.show(list, view.shown() == null ? -1 : view.shown().id()));
        }
    }

    // ---- showing ----

    private void news(List<LiveFeed.News> batch) {
        if (job != null) { // else the call has ended; its result (shown already) is newer than these
            view.news(batch);
            updateEnabled();
        }
    }

    private void showRun(RunDetail d, boolean fromList) {
        view.show(d);
        if (!fromList) {
            runs.show(runs.getItems(), d.id());
        }
        updateEnabled();
    }

    private void updateEnabled() {
        boolean busy = job != null;
        PipelineInfo p = pipelines.chosen();
        validate.setDisable(p == null);
        run.setDisable(busy || p == null || !p.valid());
        add.setDisable(busy);
        cancel.setDisable(!busy);
        RunDetail d = view.shown();
        resume.setDisable(busy || d == null || d.id() <= 0 || !d.status().isResumable());
        view.setBusy(busy);
    }

    /** Sections side by side, sharing the width evenly. */
    private static HBox columns(Node... sections) {
        HBox row = new HBox(24, sections);
        for (Node n : sections) {
            // a small preferred width, grown evenly: (not 0, or wrapped descriptions ask for a huge height)
            HBox.setHgrow(n, javafx.scene.layout.Priority.ALWAYS);
            ((Region) n).setPrefWidth(360);
        }
        return row;
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private <T> void background(String title, Work<T> work, Consumer<T> then) {
        BackgroundTask.of(title, work).onSuccess(then).onFailure(e -> services.errors().report(title, e))
                .runOn(services.executor());
    }

    // ---- for tests and the app ----

    /** The run shown now (a plan with id 0 before a pipeline's first run), or null. */
    public RunDetail shown() {
        return view.shown();
    }

    /** The backend call driving a run now, or null. */
    public BackgroundTask<RunDetail> job() {
        return job;
    }

    StepDetails details() {
        return view.details();
    }

    PipelineTable pipelineTable() {
        return pipelines;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Pipelines";
    }

    @Override
    public Node icon() {
        return StatusIcons.pageIcon(16);
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
