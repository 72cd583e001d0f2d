package dev.modelfactory.studio.pipelines;

import atlantafx.base.theme.Styles;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One run on screen: a title line (run, status, what it waits for or why it stopped), a progress bar of
 * finished steps, the step graph, and the chosen step's details and log. Until the user clicks a step it
 * follows the step that matters (waiting, running, failed). Live news and stored runs both arrive here.
 */
final class RunView extends VBox {

    static final String TITLE_ID = PipelinesPage.RUN_TITLE_ID;
    static final String PROGRESS_ID = "pipeline-run-progress";

    private final Label title = new Label("Choose a pipeline.");
    private final ProgressBar progress = new ProgressBar(0);
    private final StepGraph graph = new StepGraph(this::stepChosen);
    private final StepDetails details;
    private final Map<String, StringBuilder> logs = new HashMap<>();
    private RunDetail shown;
    private String chosenStep;
    private boolean chosenByHand;

    RunView(OutputOpener opener, Consumer<StepRun> approve, BiConsumer<StepRun, String> reject, Node... controls) {
        super(10);
        details = new StepDetails(opener, approve, reject);
        title.setId(TITLE_ID);
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setWrapText(true);
        progress.setId(PROGRESS_ID);
        progress.setPrefWidth(220);
        ScrollPane graphScroll = new ScrollPane(graph);
        graphScroll.getStyleClass().add("pipeline-graph-scroll");
        graphScroll.setPrefViewportHeight(150);
        graph.heightProperty().addListener((o, a, b) -> graphScroll.setPrefViewportHeight(b.doubleValue() + 4));
        HBox bar = new HBox(8, progress);
        bar.getChildren().addAll(controls);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, bar, graphScroll, details);
    }

    /** Shows a stored run or a call's final answer; its logs replace what the view had. */
    void show(RunDetail d) {
        if (shown == null || shown.id() != d.id()) {
            chosenByHand = false;
        }
        shown = d;
        replaceLogs(d);
        render();
    }

    /** The pipeline's steps, none run yet (a run of id 0). */
    void showPlan(PipelineInfo p) {
        shown = new RunDetail(new RunSummary(0, p.name(), RunStatus.RUNNING, Instant.EPOCH, Duration.ZERO, ""), null,
                p.steps().stream().map(s -> StepRun.builder(s).build()).toList());
        logs.clear();
        chosenByHand = false;
        render();
    }

    /** Applies a batch of live news in order: a snapshot replaces run and logs, a line appends. */
    void news(List<LiveFeed.News> batch) {
        RunDetail latest = null;
        for (LiveFeed.News n : batch) {
            switch (n) {
                case LiveFeed.Snapshot s -> {
                    latest = s.run();
                    replaceLogs(latest);
                }
                case LiveFeed.Line l -> {
                    if ((latest != null ? latest.id() : shown != null ? shown.id() : -1) == l.runId()) {
                        logs.computeIfAbsent(l.stepId(), k -> new StringBuilder()).append(l.text()).append('\n');
                    }
                }
            }
        }
        if (latest != null) {
            shown = latest;
        }
        render();
    }

    /** A call starts driving the run: follow its steps again until the user clicks one. */
    void follow() {
        chosenByHand = false;
    }

    void setBusy(boolean busy) {
        details.setBusy(busy);
    }

    RunDetail shown() {
        return shown;
    }

    StepDetails details() {
        return details;
    }

    private void replaceLogs(RunDetail d) {
        logs.clear();
        d.steps().forEach(s -> logs.put(s.id(), new StringBuilder(s.log().isEmpty() || s.log().endsWith("\n")
                ? s.log() : s.log() + "\n")));
    }

    private void render() {
        RunDetail d = shown;
        if (d == null) {
            return;
        }
        title.getStyleClass().removeIf(c -> c.startsWith("status-"));
        if (d.id() == 0) {
            title.setText(d.summary().pipeline() + ": not run yet (" + d.steps().size() + " steps).");
        } else {
            title.setText("Run " + d.id() + " of " + d.summary().pipeline() + " \u00b7 " + d.status().label()
                    + d.waitingApproval().map(s -> ": step " + s.id() + " waits for your approval").orElse("")
                    + (d.reason() == null ? "" : ": " + d.reason()));
            title.getStyleClass().add(StatusIcons.styleClass(d.status()));
        }
        progress.setProgress(d.steps().isEmpty() ? 0 : (double) d.finishedSteps() / d.steps().size());
        if (!chosenByHand || d.step(chosenStep).isEmpty()) {
            chosenStep = focus(d);
        }
        graph.show(d.steps());
        graph.select(chosenStep);
        showDetails();
    }

    /** The step to show when the user has not chosen one: the waiting, running or failed one, else the last run. */
    private static String focus(RunDetail d) {
        for (StepStatus s : List.of(StepStatus.WAITING, StepStatus.RUNNING, StepStatus.FAILED, StepStatus.REJECTED,
                StepStatus.CANCELLED)) {
            var hit = d.steps().stream().filter(x -> x.status() == s).findFirst();
            if (hit.isPresent()) {
                return hit.get().id();
            }
        }
        return d.steps().stream().filter(x -> x.status() != StepStatus.PENDING).reduce((a, b) -> b)
                .or(() -> d.steps().stream().findFirst()).map(StepRun::id).orElse(null);
    }

    private void stepChosen(String stepId) {
        chosenStep = stepId;
        chosenByHand = true;
        showDetails();
    }

    private void showDetails() {
        StepRun step = shown == null || chosenStep == null ? null : shown.step(chosenStep).orElse(null);
        StringBuilder log = step == null ? null : logs.get(step.id());
        details.show(step, log == null ? "" : log.toString());
    }
}
