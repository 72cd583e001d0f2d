package dev.modelfactory.studio.finetune;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.training.RunRequest;
import dev.modelfactory.studio.training.SaveChooser;
import dev.modelfactory.studio.training.TrainingBackend;
import dev.modelfactory.studio.ui.StudioStyles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Run elsewhere…": exports the Fine-tune page's current config as a job bundle for LLaMA-Factory or
 * Axolotl (docs/handoff.md) in a background task with progress and cancel, then shows what was written,
 * the studio fields the trainer cannot express and the launch command.
 */
public final class RunElsewhereDialog {

    public static final String BUTTON_ID = "finetune-run-elsewhere";
    public static final String TRAINER_ID = "run-elsewhere-trainer";
    public static final String FOLDER_ID = "run-elsewhere-folder";
    public static final String EXPORT_ID = "run-elsewhere-export";
    public static final String REPORT_ID = "run-elsewhere-report";

    private final BundleExporter exporter;
    private final TaskExecutor executor;
    private final RunRequest request;
    private final SaveChooser chooser;
    private final ComboBox<String> trainer = new ComboBox<>();
    private final TextField trainerModel = new TextField();
    private final TextField folder = new TextField();
    private final ProgressBar progress = new ProgressBar(0);
    private final TextArea report = new TextArea();
    private final Button export = new Button("Export bundle");
    private final Button cancel = new Button("Cancel export");
    private BackgroundTask<BundleResult> running;

    RunElsewhereDialog(BundleExporter exporter, TaskExecutor executor, RunRequest request, SaveChooser chooser) {
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.request = Objects.requireNonNull(request, "request");
        this.chooser = Objects.requireNonNull(chooser, "chooser");
    }

    /**
     * The Fine-tune page's button: opens the dialog for the page's current request; disabled (with the
     * reason as tooltip) when the backend cannot write bundles.
     */
    public static Button button(TrainingBackend backend, StudioServices services,
            Supplier<Optional<RunRequest>> request, SaveChooser chooser) {
        Button b = new Button("Run elsewhere\u2026");
        b.setId(BUTTON_ID);
        if (backend instanceof BundleExporter exporter) {
            b.setTooltip(new Tooltip("Export this config as a job bundle for LLaMA-Factory or Axolotl on a GPU cluster"));
            b.setOnAction(e -> request.get().ifPresent(r -> new RunElsewhereDialog(exporter, services.executor(), r,
                    chooser).show(b.getScene().getWindow())));
        } else {
            b.setDisable(true);
            b.setTooltip(new Tooltip("This workspace's training backend cannot write job bundles"));
        }
        return b;
    }

    void show(Window owner) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Run elsewhere");
        stage.setScene(new Scene(content(), 640, 480));
        stage.setOnCloseRequest(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        stage.show();
    }

    private VBox content() {
        Map<String, String> trainers = exporter.trainers();
        trainer.setId(TRAINER_ID);
        trainer.getItems().setAll(trainers.keySet());
        trainer.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String key) {
                return key == null ? "" : trainers.getOrDefault(key, key);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        trainer.setValue(trainers.keySet().stream().findFirst().orElse(null));
        trainerModel.setPromptText("Hugging Face folder or hub id on the cluster (default: this workstation's path)");
        folder.setId(FOLDER_ID);
        folder.setPromptText("A new folder for the bundle");
        Button choose = new Button("Choose\u2026");
        choose.setOnAction(e -> chooser.saveFile("Bundle folder to create", "job-bundle", choose.getScene().getWindow())
                .ifPresent(p -> folder.setText(p.toString())));
        HBox folderRow = new HBox(6, folder, choose);
        HBox.setHgrow(folder, Priority.ALWAYS);
        GridPane form = new GridPane(10, 8);
        form.addRow(0, new Label("Trainer"), trainer);
        form.addRow(1, new Label("Base model on the cluster"), trainerModel);
        form.addRow(2, new Label("Bundle folder"), folderRow);
        GridPane.setHgrow(trainerModel, Priority.ALWAYS);
        GridPane.setHgrow(folderRow, Priority.ALWAYS);
        Label what = new Label("The config of the Fine-tune page for " + request.model() + " on " + request.datasetRef()
                + ": rows allowed for training in the trainer's format, the trainer config, provenance.json and a README"
                + " with the launch commands.");
        what.setWrapText(true);
        what.getStyleClass().add(Styles.TEXT_MUTED);
        progress.setMaxWidth(Double.MAX_VALUE);
        report.setId(REPORT_ID);
        report.setEditable(false);
        report.getStyleClass().add(StudioStyles.MONOSPACE);
        VBox.setVgrow(report, Priority.ALWAYS);
        export.setId(EXPORT_ID);
        export.getStyleClass().add(Styles.ACCENT);
        export.setOnAction(e -> start());
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
        HBox buttons = new HBox(8, export, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox box = new VBox(10, what, form, progress, report, buttons);
        box.setPadding(new Insets(14));
        return box;
    }

    private void start() {
        String t = trainer.getValue();
        String f = folder.getText() == null ? "" : folder.getText().strip();
        if (t == null || f.isEmpty()) {
            report.setText("Choose a trainer and a folder for the bundle.");
            return;
        }
        Path out = Path.of(f);
        String model = trainerModel.getText() == null || trainerModel.getText().isBlank() ? null
                : trainerModel.getText().strip();
        export.setDisable(true);
        cancel.setDisable(false);
        report.setText("Exporting\u2026");
        running = BackgroundTask.of("Export job bundle", ctx -> exporter.export(request, t, out, model,
                ctx::updateProgress, ctx::isCancelled));
        progress.progressProperty().bind(running.progressProperty());
        running.onSuccess(r -> finish(r.summary()))
                .onFailure(e -> finish("Not exported: " + e.getMessage()))
                .onCancelled(() -> finish("Cancelled: nothing was written."))
                .runOn(executor);
    }

    private void finish(String text) {
        progress.progressProperty().unbind();
        progress.setProgress(text.startsWith("Bundle") ? 1 : 0);
        report.setText(text);
        export.setDisable(false);
        cancel.setDisable(true);
        running = null;
    }
}
