package dev.modelfactory.studio.training;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.modelfactory.ledger.store.run.RunSample;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * The sample generations of one run: per step and fixed prompt of its evaluation split, the model's greedy
 * answer beside the reference, newest step first so the latest answers are on top.
 */
final class SamplesPanel extends VBox {

    private final Label title = new Label("No samples yet: set \u201cSample every\u201d on the Fine-tune page.");
    private final TableView<RunSample> table = new TableView<>();
    private long runId = -1;

    SamplesPanel() {
        super(6);
        setId("training-samples");
        title.setId("training-samples-title");
        title.getStyleClass().add(Styles.TEXT_MUTED);
        table.setId("training-samples-table");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(200);
        table.setPlaceholder(new Label("No sample generations for this run."));
        table.getColumns().setAll(List.of(column("Step", 60, s -> Long.toString(s.step())),
                column("Prompt", 300, RunSample::prompt), column("Output", 300, RunSample::output),
                column("Reference", 200, RunSample::reference)));
        getChildren().setAll(title, table);
    }

    long runId() {
        return runId;
    }

    /** Shows a run's stored samples. */
    void show(long run, String name, List<RunSample> samples) {
        runId = run;
        title.setText("Run #" + run + " " + name + " \u00b7 greedy answers to fixed prompts of its evaluation split");
        table.getItems().setAll(samples.stream().sorted(java.util.Comparator.comparingLong(RunSample::step).reversed()
                .thenComparingInt(RunSample::index)).toList());
    }

    /** Adds a step's samples of the shown run on top. */
    void append(long run, List<RunSample> samples) {
        if (run == runId) {
            table.getItems().addAll(0, samples);
        }
    }

    List<RunSample> rows() {
        return List.copyOf(table.getItems());
    }

    private static TableColumn<RunSample, String> column(String name, double width,
            java.util.function.Function<RunSample, String> value) {
        TableColumn<RunSample, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(x -> new SimpleStringProperty(value.apply(x.getValue())));
        c.setCellFactory(x -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty || text == null ? null : text.replace('\n', ' '));
            }
        });
        return c;
    }
}
