package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.dataset.ExportFormat;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.studio.task.BackgroundTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The export row: what (the working set or a frozen version), which split, which format; "Export…" asks
 * where through {@link DatasetChooser}, then a progress bar and Cancel show until the file is written.
 */
final class ExportPane {

    static final String SOURCE_ID = "dataset-export-source";
    static final String FORMAT_ID = "dataset-export-format";
    static final String SPLIT_ID = "dataset-export-split";
    static final String EXPORT_ID = "dataset-export";
    static final String CANCEL_ID = "dataset-export-cancel";
    static final String OUTCOME_ID = "dataset-export-outcome";

    private final VBox node;

    ExportPane(ExportViewModel model, ObservableList<DatasetVersion> versions, DatasetChooser chooser) {
        ComboBox<DatasetVersion> source = new ComboBox<>();
        source.setId(SOURCE_ID);
        source.setCellFactory(v -> new SourceCell());
        source.setButtonCell(new SourceCell());
        Runnable fill = () -> {
            DatasetVersion chosen = model.versionProperty().get();
            List<DatasetVersion> items = new ArrayList<>(Collections.singletonList(null));
            items.addAll(versions.reversed());
            source.getItems().setAll(items);
            source.setValue(versions.contains(chosen) ? chosen : null);
        };
        versions.addListener((ListChangeListener<DatasetVersion>) ch -> fill.run());
        fill.run();
        source.valueProperty().addListener((obs, old, now) -> model.versionProperty().set(now));
        model.versionProperty().addListener((obs, old, now) -> source.setValue(now));
        ComboBox<Split> split = DatasetsPage.choice(SPLIT_ID, "All splits", Split.values(), DatasetText::split);
        split.valueProperty().bindBidirectional(model.splitProperty());
        ComboBox<ExportFormat> format = DatasetsPage.choice(FORMAT_ID, "", ExportFormat.values(), ExportPane::formatText);
        format.getItems().remove(null);
        format.valueProperty().bindBidirectional(model.formatProperty());
        Button export = new Button("Export\u2026");
        export.setId(EXPORT_ID);
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(120);
        Button cancel = new Button("Cancel");
        cancel.setId(CANCEL_ID);
        cancel.getStyleClass().add(Styles.FLAT);
        cancel.setOnAction(e -> {
            BackgroundTask<?> t = model.runningProperty().get();
            if (t != null) {
                t.cancel();
            }
        });
        model.runningProperty().addListener((obs, old, now) -> {
            progress.progressProperty().unbind();
            if (now != null) {
                progress.progressProperty().bind(now.progressProperty());
            }
        });
        var running = model.runningProperty().isNotNull();
        for (Node n : List.of(progress, cancel)) {
            n.visibleProperty().bind(running);
            n.managedProperty().bind(running);
        }
        export.disableProperty().bind(running);
        export.setOnAction(e -> chooser.chooseExportTarget(export.getScene() == null ? null : export.getScene().getWindow(),
                suggestedName(model)).ifPresent(model::export));
        Label outcome = new Label();
        outcome.setId(OUTCOME_ID);
        outcome.getStyleClass().add(DatasetStyles.HINT);
        outcome.setWrapText(true);
        outcome.textProperty().bind(model.outcomeProperty());
        for (Region r : List.<Region>of(source, split, format, export, cancel)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        source.setMaxWidth(320);
        HBox row = new HBox(8, new Label("Export"), source, split, format, export, progress, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        node = new VBox(6, row, outcome);
    }

    Node node() {
        return node;
    }

    private static String suggestedName(ExportViewModel model) {
        DatasetVersion v = model.versionProperty().get();
        Split s = model.splitProperty().get();
        ExportFormat f = model.formatProperty().get();
        return "dataset" + (v == null ? "" : "-" + v.shortRoot()) + (s == null ? "" : "-" + s.wire())
                + (f == ExportFormat.CSV ? ".csv" : ".jsonl");
    }

    static String formatText(ExportFormat f) {
        return f == null ? "" : switch (f) {
            case ALPACA -> "Alpaca JSONL";
            case SHAREGPT -> "ShareGPT JSONL";
            case OPENAI -> "OpenAI chat JSONL";
            case CSV -> "CSV";
        };
    }

    /** "Working set" or "3f2a9c01b7e4 · 1,200 rows · label". */
    private static final class SourceCell extends ListCell<DatasetVersion> {
        @Override
        protected void updateItem(DatasetVersion v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty ? null : v == null ? "Working set (rows not rejected)" : "Version " + v.shortRoot() + " \u00b7 "
                    + DatasetText.count(v.rowCount(), "row") + (v.label() == null ? "" : " \u00b7 " + v.label()));
        }
    }
}
