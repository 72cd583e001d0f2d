package dev.modelfactory.studio.finetune;

import atlantafx.base.theme.Styles;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.training.BaseModelChoice;
import dev.modelfactory.studio.training.DatasetChoice;
import dev.modelfactory.studio.training.RunPlan;
import dev.modelfactory.studio.training.RunRequest;
import dev.modelfactory.studio.training.RunWarmup;
import dev.modelfactory.studio.training.SaveChooser;
import dev.modelfactory.studio.training.TrainingSession;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Sets up a run: base model, dataset version (its splits), the chat template with one real example's loss
 * mask, the hyperparameter form with presets and live validation, the plan (rows, exclusions by whose,
 * tokens, steps, memory against the device), YAML save / load, "copy as command", and the run queue.
 * Start plans first and refuses what cannot run (invalid field, nothing to train on, memory above the
 * device's).
 */
public final class FineTunePage implements Page {

    public static final String ID = "finetune";

    private final StudioServices services;
    private final TrainingSession session;
    private final SaveChooser chooser;
    private final ComboBox<BaseModelChoice> model = new ComboBox<>();
    private final ComboBox<DatasetChoice> dataset = new ComboBox<>();
    private final ComboBox<DatasetChoice.Version> version = new ComboBox<>();
    private final TagPicker tags = new TagPicker();
    private final Label splits = new Label("Choose a dataset version.");
    private final Label template = new Label("");
    private final TemplateChooser templates = new TemplateChooser();
    private final SplitChooser splitChooser = new SplitChooser();
    private final MaskPreview preview = new MaskPreview();
    private final WarmupView warmup = new WarmupView();
    private final PauseTransition measureLater = new PauseTransition(Duration.seconds(1.5));
    private BackgroundTask<RunWarmup> measuring;
    private boolean autoMeasure = true;
    private final HyperForm form = new HyperForm();
    private final PlanView plan = new PlanView();
    private final Label reason = new Label();
    private final TextField command = new TextField();
    private final Button start = new Button("Start training");
    private final Node view;

    public FineTunePage(StudioServices services, TrainingSession session, SaveChooser chooser) {
        this.services = services;
        this.session = session;
        this.chooser = chooser;
        this.view = PageLayout.scrollingPage(
                PageLayout.header("Fine-tune", "Set up a run with confidence: check the data, the mask and the plan"
                        + " before the device is busy."),
                dataSection(),
                templateSection(),
                hyperSection(),
                PageLayout.section("Plan", "What the run will do, worked out from the real rows and model.", plan,
                        warmup),
                actionSection());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Fine-tune";
    }

    @Override
    public Node icon() {
        return Glyph.FINE_TUNE.node(16);
    }

    @Override
    public Node view() {
        return view;
    }

    /** Whether a valid, idle config is measured by itself after a pause (on by default; tests turn it off). */
    public void setAutoMeasure(boolean on) {
        autoMeasure = on;
        if (!on) {
            measureLater.stop();
        }
    }

    @Override
    public void onShow() {
        reload(); // models and datasets may have been added on other pages; choices already made stay
    }

    /** Re-reads models and datasets. */
    public void reload() {
        BackgroundTask.of("Read models and datasets", ctx -> new Choices(session.backend().models(),
                session.backend().datasets(), session.backend().chatTemplates())).onSuccess(c -> {
                    templates.setBuiltIns(c.templates());
                    BaseModelChoice keptModel = model.getValue();
                    DatasetChoice keptDataset = dataset.getValue();
                    model.getItems().setAll(c.models());
                    dataset.getItems().setAll(c.datasets());
                    model.setValue(c.models().contains(keptModel) ? keptModel : null);
                    c.datasets().stream().filter(d -> keptDataset != null && d.name().equals(keptDataset.name()))
                            .findFirst().ifPresent(d -> {
                                if (!d.equals(keptDataset)) {
                                    dataset.setValue(d); // a new frozen version: offered, the latest chosen
                                }
                            });
                    if (dataset.getValue() != null && !c.datasets().contains(dataset.getValue())
                            && c.datasets().stream().noneMatch(d -> d.name().equals(dataset.getValue().name()))) {
                        dataset.setValue(null);
                    }
                    if (model.getValue() == null && !c.models().isEmpty()) {
                        model.setValue(c.models().getFirst());
                    }
                    if (dataset.getValue() == null && !c.datasets().isEmpty()) {
                        dataset.setValue(c.datasets().getFirst());
                    }
                }).onFailure(e -> services.errors().report("Training", e)).runOn(services.executor());
    }

    private record Choices(List<BaseModelChoice> models, List<DatasetChoice> datasets, List<String> templates) {
    }

    private Node dataSection() {
        model.setId("finetune-model");
        dataset.setId("finetune-dataset");
        version.setId("finetune-version");
        splits.setId("finetune-splits");
        splits.getStyleClass().add(Styles.TEXT_MUTED);
        splits.setWrapText(true);
        for (ComboBox<?> c : List.of(model, dataset, version)) {
            c.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        dataset.valueProperty().addListener((o, a, d) -> {
            version.getItems().setAll(d == null ? List.of() : d.versions());
            version.setValue(d == null || d.versions().isEmpty() ? null : d.versions().getLast());
        });
        version.valueProperty().addListener((o, a, v) -> {
            tags.offer(v == null ? List.of() : v.tags());
            splits.setText(v == null ? "Choose a dataset version." : v.trainRows() + " rows in the train split, "
                    + v.validationRows() + " in validation, " + v.testRows() + " in test. By default the run trains on"
                    + " train, evaluates on validation and holds test out. Rows whose contributor does not allow"
                    + " training are left out: the plan says whose.");
            refreshPreview();
        });
        model.valueProperty().addListener((o, a, b) -> refreshPreview());
        splitChooser.onChange(() -> {
            reason.setText(splitChooser.problem() == null ? "" : splitChooser.problem());
            refreshPreview();
        });
        return PageLayout.section("Base model and data", null, PageLayout.panel(
                PageLayout.row("Base model", model), PageLayout.row("Dataset", dataset),
                PageLayout.row("Version", version), PageLayout.row("Splits", splits),
                PageLayout.row("Use", splitChooser), PageLayout.row("Loss per tag", tags.node())));
    }

    private Node templateSection() {
        template.setId("finetune-template");
        Label legend = new Label("Grey: masked from the loss (system, prompt, template markup). Green: the response"
                + " tokens the loss is taken on.");
        legend.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        preview.message("Choose a model and a dataset version to see a training example.");
        templates.onChange(this::refreshPreview);
        VBox box = new VBox(8, templates, template, preview, legend);
        box.setPadding(new javafx.geometry.Insets(10, 14, 10, 14));
        return PageLayout.section("Chat template", "Detected from the model, or chosen here; one real training example"
                + " as the model will see it.", PageLayout.panel(box));
    }

    private Node hyperSection() {
        HBox presets = new HBox(8);
        presets.setAlignment(Pos.CENTER_LEFT);
        presets.getChildren().add(new Label("Presets"));
        for (Preset p : Preset.values()) {
            Button b = new Button(p.label());
            b.setId("preset-" + p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            b.setTooltip(new Tooltip(p.description()));
            b.setOnAction(e -> form.setConfig(p.config()));
            presets.getChildren().add(b);
        }
        form.validationProperty().addListener((o, a, v) -> {
            start.setDisable(!v.ok());
            reason.setText(v.ok() ? "" : "Fix the marked fields first (" + String.join("; ", v.errors().values()) + ")");
            scheduleMeasure();
        });
        return PageLayout.section("Hyperparameters", "Each field says what it does and what it accepts; a wrong"
                + " value shows the reason beside it.", presets, form);
    }

    private Node actionSection() {
        start.setId("finetune-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.setOnAction(e -> startOrQueue());
        Button planButton = new Button("Plan");
        planButton.setId("finetune-plan");
        planButton.setOnAction(e -> request().ifPresent(r -> planThen(r, p -> { })));
        Button measure = new Button("Measure");
        measure.setId("finetune-measure");
        measure.setTooltip(new Tooltip("Time a few real training steps of this config (nothing is stored)"));
        measure.setOnAction(e -> measure());
        Button save = new Button("Save YAML\u2026");
        save.setId("finetune-save");
        save.setOnAction(e -> request().ifPresent(r -> chooser.saveFile("Save training config",
                "training.yaml", view.getScene().getWindow()).ifPresent(p -> save(p, r.config()))));
        Button load = new Button("Load YAML\u2026");
        load.setId("finetune-load");
        load.setOnAction(e -> chooser.openFile("Load training config", view.getScene().getWindow()).ifPresent(this::load));
        Button copy = new Button("Copy as command");
        copy.setId("finetune-copy");
        copy.setOnAction(e -> request().ifPresent(r -> {
            command.setText(TrainCommandLine.of(r, "training.yaml"));
            ClipboardContent content = new ClipboardContent();
            content.putString(command.getText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            reason.setText(TrainCommandLine.flagsSuffice(r.config()) ? "Command copied."
                    : "Command copied; it reads training.yaml: save the config there first (Save YAML).");
        }));
        command.setId("finetune-command");
        command.setEditable(false);
        command.getStyleClass().add(dev.modelfactory.studio.ui.StudioStyles.MONOSPACE);
        command.setPromptText("./modelfactory train \u2026");
        reason.setId("finetune-reason");
        reason.setWrapText(true);
        reason.getStyleClass().add(Styles.DANGER);
        session.liveProperty().addListener((o, a, b) -> start.setText(b == null ? "Start training" : "Add to queue"));
        HBox buttons = new HBox(8, start, planButton, measure, PageLayout.hgap(), load, save, copy,
                RunElsewhereDialog.button(session.backend(), services, this::request, chooser));
        buttons.setAlignment(Pos.CENTER_LEFT);
        return PageLayout.section("Run", null, buttons, reason, command, new Label("Queue"), new QueueView(session));
    }

    /** The request of the form, or empty with the reason shown. */
    Optional<RunRequest> request() {
        var v = form.validation();
        if (v == null || !v.ok()) {
            reason.setText("Fix the marked fields first.");
            return Optional.empty();
        }
        if (model.getValue() == null || version.getValue() == null) {
            reason.setText("Choose a base model and a dataset version.");
            return Optional.empty();
        }
        if (splitChooser.problem() != null) {
            reason.setText(splitChooser.problem());
            return Optional.empty();
        }
        TrainingConfig c = v.config().orElseThrow().toBuilder().chatTemplate(templates.choice())
                .trainSplits(splitChooser.trainSplits()).evalSplit(splitChooser.evalSplit()).build();
        return Optional.of(new RunRequest(model.getValue().ref(), dataset.getValue().name(),
                Optional.of(version.getValue().root()), c,
                Optional.of(model.getValue().name() + " on " + dataset.getValue().name()), tags.checked()));
    }

    private void startOrQueue() {
        request().ifPresent(r -> planThen(r, p -> {
            String refusal = PlanView.refusal(p, r.config(), plan.deviceMemory());
            if (refusal != null) {
                reason.setText(refusal);
                return;
            }
            reason.setText("");
            cancelMeasure(); // the device is about to be busy
            session.enqueue(r);
        }));
    }

    private void planThen(RunRequest r, java.util.function.Consumer<RunPlan> then) {
        reason.setText("Planning\u2026");
        BackgroundTask.of("Plan training run", ctx -> new PlanView.Planned(session.backend().plan(r),
                session.backend().device())).onSuccess(p -> {
                    plan.show(p.plan(), p.device(), r.config());
                    reason.setText("");
                    then.accept(p.plan());
                }).onFailure(e -> reason.setText(e.getMessage())).runOn(services.executor());
    }

    private void refreshPreview() {
        if (model.getValue() == null || version.getValue() == null || form.validation() == null
                || !form.validation().ok()) {
            return;
        }
        RunRequest r = request().orElse(null);
        if (r == null) {
            return;
        }
        scheduleMeasure();
        BackgroundTask.of("Render a training example", ctx -> session.backend().preview(r)).onSuccess(p -> {
            template.setText("Template: " + p.template() + " \u00b7 " + p.tokens() + " tokens, " + p.lossTokens()
                    + " in the loss");
            if (r.config().chatTemplate() == null) {
                templates.setDetected(p.template());
            }
            preview.show(p);
        }).onFailure(e -> {
            template.setText("Template: cannot render a row");
            preview.message(e.getMessage());
        }).runOn(services.executor());
    }

    /** Measures after a quiet moment when the config is valid and the device idle (debounced). */
    private void scheduleMeasure() {
        cancelMeasure();
        if (autoMeasure) {
            measureLater.setOnFinished(e -> {
                if (!session.busy() && form.validation() != null && form.validation().ok() && model.getValue() != null
                        && version.getValue() != null && splitChooser.problem() == null) {
                    measure();
                }
            });
            measureLater.playFromStart();
        }
    }

    private void cancelMeasure() {
        measureLater.stop();
        if (measuring != null) {
            measuring.cancel();
            measuring = null;
            warmup.reset();
        }
    }

    /** Times a few real steps of the request off the FX thread; a newer measurement or a start cancels it. */
    void measure() {
        RunRequest r = request().orElse(null);
        if (r == null) {
            return;
        }
        cancelMeasure();
        warmup.measuring();
        BackgroundTask<RunWarmup> task = BackgroundTask.of("Measure training speed",
                ctx -> session.backend().measure(r, ctx::isCancelled));
        measuring = task;
        task.onSuccess(w -> {
            if (measuring == task) {
                warmup.show(w);
                measuring = null;
            }
        }).onFailure(e -> {
            if (measuring == task) {
                warmup.failed(e.getMessage());
                measuring = null;
            }
        }).runOn(services.executor());
    }

    private void save(Path file, TrainingConfig c) {
        BackgroundTask.of("Save training config", ctx -> {
            ConfigYaml.write(file, c);
            return file;
        }).onSuccess(p -> reason.setText("Saved " + p)).onFailure(e -> services.errors().report("Training", e)).runOn(services.executor());
    }

    private void load(Path file) {
        BackgroundTask.of("Load training config", ctx -> ConfigYaml.read(file)).onSuccess(c -> {
            templates.setChoice(c.chatTemplate());
            splitChooser.set(c.trainSplits(), c.evalSplit());
            form.setConfig(c);
        }).onFailure(e -> reason.setText(e.getMessage())).runOn(services.executor());
    }

    HyperForm form() {
        return form;
    }
}
