package dev.modelfactory.studio.benchmarks;

import atlantafx.base.theme.Styles;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * "New suite from dataset…": the dataset (its latest version's test split), the suite name and the metrics
 * to score by (the generation metrics that need no extra option; regex and schema tasks come from JSONL).
 */
final class NewSuiteForm extends VBox {

    static final String ID = "bench-new-suite-form";
    static final String DATASET_ID = "bench-new-dataset";
    static final String NAME_ID = "bench-new-name";
    static final String CREATE_ID = "bench-new-create";
    static final String METRIC_ID_PREFIX = "bench-new-metric-";

    /** What the form asks for. */
    record Request(String dataset, String suiteName, List<Metric> metrics) {
    }

    private final TextField dataset = new TextField();
    private final TextField name = new TextField();
    private final List<CheckBox> metrics = new ArrayList<>();
    private final Button create = new Button("Create suite");
    private final Label hint = new Label();

    NewSuiteForm(Consumer<Request> onCreate, Runnable onCancel) {
        super(8);
        setId(ID);
        setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-padding: 10;");
        dataset.setId(DATASET_ID);
        dataset.setPromptText("Dataset name");
        name.setId(NAME_ID);
        name.setPromptText("Suite name");
        dataset.textProperty().addListener((o, w, n) -> {
            if (name.getText().isBlank() || name.getText().equals(w + "-test")) {
                name.setText(n.isBlank() ? "" : n + "-test");
            }
        });
        FlowPane boxes = new FlowPane(10, 4);
        for (Metric m : Metric.values()) {
            if (m.kind() != TaskKind.GENERATION || m == Metric.REGEX_MATCH || m == Metric.JSON_SCHEMA) {
                continue;
            }
            CheckBox box = new CheckBox(m.id());
            box.setId(METRIC_ID_PREFIX + m.id());
            box.setUserData(m);
            box.setSelected(m == Metric.EXACT_MATCH || m == Metric.TOKEN_F1);
            box.selectedProperty().addListener((o, w, n) -> update());
            metrics.add(box);
            boxes.getChildren().add(box);
        }
        create.setId(CREATE_ID);
        create.getStyleClass().add(Styles.ACCENT);
        create.setOnAction(e -> onCreate.accept(request()));
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> onCancel.run());
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        dataset.textProperty().addListener((o, w, n) -> update());
        name.textProperty().addListener((o, w, n) -> update());
        HBox names = new HBox(8, new Label("Dataset"), dataset, new Label("Suite"), name);
        names.setAlignment(Pos.CENTER_LEFT);
        HBox buttons = new HBox(8, create, cancel, hint);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(new Label("One generation task over the test split of the dataset's latest version."),
                names, boxes, buttons);
        update();
    }

    Request request() {
        return new Request(dataset.getText().trim(), name.getText().trim(),
                metrics.stream().filter(CheckBox::isSelected).map(b -> (Metric) b.getUserData()).toList());
    }

    void setBusy(boolean busy) {
        create.setDisable(busy || !valid());
        hint.setText(busy ? "Creating\u2026" : hint());
    }

    private void update() {
        create.setDisable(!valid());
        hint.setText(hint());
    }

    private boolean valid() {
        Request r = request();
        return !r.dataset().isEmpty() && !r.suiteName().isEmpty() && !r.metrics().isEmpty();
    }

    private String hint() {
        Request r = request();
        if (r.dataset().isEmpty()) {
            return "Name the dataset.";
        }
        if (r.suiteName().isEmpty()) {
            return "Name the suite.";
        }
        return r.metrics().isEmpty() ? "Choose at least one metric." : "";
    }
}
