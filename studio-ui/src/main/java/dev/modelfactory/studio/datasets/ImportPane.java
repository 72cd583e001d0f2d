package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.ParsedRow;
import dev.modelfactory.ledger.dataset.RejectedRow;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.ImportSummary;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The import flow, shown while an import is being set up, runs or has just finished: format and preview,
 * column mapping (CSV/TSV), contributor, licence and uses; then progress with cancel; then the summary and
 * the rejected rows with file, line and reason.
 */
final class ImportPane {

    static final String ID = "dataset-import";
    static final String FORMAT_ID = "dataset-import-format";
    static final String NAME_ID = "dataset-import-name";
    static final String CONTRIBUTOR_ID = "dataset-import-contributor";
    static final String CONTRIBUTOR_FIELD_ID = "dataset-import-contributor-field";
    static final String LICENCE_ID = "dataset-import-licence";
    static final String START_ID = "dataset-import-start";
    static final String CANCEL_ID = "dataset-import-cancel";
    static final String CLOSE_ID = "dataset-import-close";
    static final String PROBLEM_ID = "dataset-import-problem";
    static final String PROGRESS_ID = "dataset-import-progress";
    static final String SUMMARY_ID = "dataset-import-summary";
    static final String REJECTS_ID = "dataset-import-rejects";
    static final String PREVIEW_ID = "dataset-import-preview";
    static final String MAPPING_ID_PREFIX = "dataset-import-map-";
    /** Licences offered in the licence box; any SPDX id or custom text can be typed. */
    static final List<String> LICENCES = List.of("CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC0-1.0",
            "ODC-BY-1.0", "Apache-2.0", "MIT");

    private final ImportViewModel model;
    private final javafx.collections.ObservableList<DatasetSummary> datasets;
    private final VBox node;

    /** @param datasets the existing datasets, offered as import targets */
    ImportPane(ImportViewModel model, javafx.collections.ObservableList<DatasetSummary> datasets) {
        this.model = model;
        this.datasets = datasets;
        VBox setup = setup();
        VBox running = running();
        VBox done = done();
        setup.visibleProperty().bind(model.stageProperty().isEqualTo(ImportViewModel.Stage.PREVIEW));
        running.visibleProperty().bind(model.stageProperty().isEqualTo(ImportViewModel.Stage.RUNNING));
        done.visibleProperty().bind(model.stageProperty().isEqualTo(ImportViewModel.Stage.DONE));
        for (Node n : List.of(setup, running, done)) {
            n.managedProperty().bind(n.visibleProperty());
        }
        node = PageLayout.section("Import", null, setup, running, done);
        node.setId(ID);
        node.getStyleClass().add(DatasetStyles.CARD);
        node.visibleProperty().bind(model.stageProperty().isNotEqualTo(ImportViewModel.Stage.CHOOSE));
        node.managedProperty().bind(node.visibleProperty());
    }

    Node node() {
        return node;
    }

    private VBox setup() {
        Label source = new Label();
        source.textProperty().bind(model.sourceProperty().asString());
        source.getStyleClass().add(StudioStyles.MONOSPACE);
        ComboBox<DatasetFormat> format = DatasetsPage.choice(FORMAT_ID, "Detect", DatasetFormat.values(),
                DatasetFormat::cliName);
        format.valueProperty().bindBidirectional(model.formatProperty());
        format.setOnAction(e -> {
            if (model.sourceProperty().get() != null) {
                model.preview();
            }
        });
        Label explanation = new Label();
        explanation.getStyleClass().add(DatasetStyles.HINT);
        explanation.textProperty().bind(Bindings.createStringBinding(() -> model.previewProperty().get() == null
                ? "Reading the first records\u2026" : model.previewProperty().get().detection().explanation(),
                model.previewProperty()));
        Label from = new Label("From");
        Label formatLabel = new Label("Format");
        from.setMinWidth(Label.USE_PREF_SIZE);
        formatLabel.setMinWidth(Label.USE_PREF_SIZE);
        format.setMinWidth(130);
        HBox sourceRow = new HBox(10, from, source, PageLayout.hgap(), formatLabel, format);
        sourceRow.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(12, sourceRow, explanation, previewTable(), sampledRejects(), mapping(), terms(), actions());
        return box;
    }

    private Node previewTable() {
        TableView<ParsedRow> table = new TableView<>();
        table.setId(PREVIEW_ID);
        table.getStyleClass().addAll(DatasetStyles.SMALL_TABLE, Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ParsedRow, String> line = new TableColumn<>("Line");
        line.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.valueOf(c.getValue().source().line())));
        line.setPrefWidth(60);
        TableColumn<ParsedRow, String> turns = new TableColumn<>("Turns");
        turns.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().row().messages().isEmpty() ? "text"
                : c.getValue().row().messages().stream().map(m -> m.role().wire()).reduce((a, b) -> a + " \u203a " + b)
                        .orElse("")));
        turns.setPrefWidth(220);
        TableColumn<ParsedRow, String> who = new TableColumn<>("Contributor");
        who.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().contributor() == null ? "(the import's)"
                : c.getValue().contributor()));
        who.setPrefWidth(140);
        TableColumn<ParsedRow, String> content = new TableColumn<>("Content");
        content.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(DatasetText.preview(c.getValue().row())));
        content.setPrefWidth(500);
        table.getColumns().setAll(List.of(line, turns, who, content));
        table.setFixedCellSize(26);
        table.setPrefHeight(26 * (ImportViewModel.PREVIEW_ROWS + 1) + 6);
        table.setPlaceholder(new Label("No record of the sample read as a row with this format."));
        model.previewProperty().addListener((obs, old, now) -> table.getItems().setAll(
                now == null ? List.of() : now.detection().preview()));
        return table;
    }

    private Node sampledRejects() {
        Label rejects = new Label();
        rejects.setWrapText(true);
        rejects.getStyleClass().add(DatasetStyles.PROBLEM);
        rejects.textProperty().bind(Bindings.createStringBinding(() -> {
            ImportPreview p = model.previewProperty().get();
            if (p == null || p.detection().rejects().isEmpty()) {
                return "";
            }
            StringBuilder out = new StringBuilder("Sampled records that would be rejected:");
            p.detection().rejects().stream().limit(5).forEach(r -> out.append("\n  line ").append(r.source().line())
                    .append(": ").append(r.reason()));
            return out.toString();
        }, model.previewProperty()));
        rejects.visibleProperty().bind(rejects.textProperty().isNotEmpty());
        rejects.managedProperty().bind(rejects.visibleProperty());
        return rejects;
    }

    /** Column to field, for CSV and TSV only. */
    private Node mapping() {
        GridPane grid = new GridPane(10, 6);
        int col = 0;
        for (ImportViewModel.Field field : ImportViewModel.Field.values()) {
            ComboBox<String> box = columnChoice(MAPPING_ID_PREFIX + field.name().toLowerCase(Locale.ROOT));
            box.valueProperty().bindBidirectional(model.mappingProperty(field));
            box.setOnAction(e -> model.preview());
            grid.add(new Label(field.label()), col, 0);
            grid.add(box, col, 1);
            col++;
        }
        VBox box = new VBox(6, sectionLabel("Columns to fields (a Text column makes raw-text rows; otherwise"
                + " Instruction and Output are needed)"), grid);
        box.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.formatProperty().get() == DatasetFormat.CSV
                || model.formatProperty().get() == DatasetFormat.TSV, model.formatProperty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private ComboBox<String> columnChoice(String id) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setPromptText("unused");
        box.setPrefWidth(140);
        model.previewProperty().addListener((obs, old, now) -> {
            String keep = box.getValue();
            List<String> columns = now == null ? List.of() : now.columns();
            if (!box.getItems().equals(columns)) {
                box.getItems().setAll(columns);
                box.getItems().addFirst(null);
                box.setValue(keep);
            }
        });
        return box;
    }

    private Node terms() {
        ComboBox<String> name = new ComboBox<>();
        name.setId(NAME_ID);
        name.setEditable(true);
        name.setPromptText("New name, or an existing dataset");
        name.setPrefWidth(240);
        name.getItems().setAll(datasets.stream().map(DatasetSummary::name).toList());
        datasets.addListener((javafx.collections.ListChangeListener<DatasetSummary>) c ->
                name.getItems().setAll(datasets.stream().map(DatasetSummary::name).toList()));
        name.valueProperty().bindBidirectional(model.datasetNameProperty());
        TextField who = field(CONTRIBUTOR_ID, "Name or wallet address 0x\u2026", model.contributorProperty(), 22);
        ComboBox<String> perRow = columnChoice(CONTRIBUTOR_FIELD_ID);
        perRow.setEditable(true);
        perRow.setPromptText("none: the contributor above");
        perRow.setPrefWidth(200);
        perRow.valueProperty().bindBidirectional(model.contributorFieldProperty());
        ComboBox<String> licence = new ComboBox<>();
        licence.setId(LICENCE_ID);
        licence.setEditable(true);
        licence.getItems().addAll(LICENCES);
        licence.setPromptText("SPDX id or licence text");
        licence.setPrefWidth(200);
        licence.valueProperty().bindBidirectional(model.licenceProperty());
        FlowPane uses = new FlowPane(12, 6);
        for (Use u : Use.values()) {
            CheckBox box = new CheckBox(DatasetText.use(u));
            box.setId("dataset-import-use-" + u.name().toLowerCase(Locale.ROOT));
            box.selectedProperty().bindBidirectional(model.useProperty(u));
            uses.getChildren().add(box);
        }
        GridPane grid = new GridPane(12, 8);
        grid.addRow(0, new Label("Into dataset"), name, new Label("Contributor"), who);
        grid.addRow(1, new Label("Licence"), licence, new Label("Contributor per row"), perRow);
        grid.addRow(2, new Label("Allowed uses"), uses);
        GridPane.setColumnSpan(uses, 3);
        return grid;
    }

    private Node actions() {
        Label problem = new Label();
        problem.setId(PROBLEM_ID);
        problem.getStyleClass().add(DatasetStyles.PROBLEM);
        problem.textProperty().bind(model.problemProperty());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.reset());
        Button start = new Button("Import");
        start.setId(START_ID);
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(false);
        start.setOnAction(e -> model.start());
        HBox row = new HBox(8, problem, PageLayout.hgap(), cancel, start);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private VBox running() {
        ProgressBar bar = new ProgressBar();
        bar.setId(PROGRESS_ID);
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label message = new Label();
        model.taskProperty().addListener((obs, old, now) -> {
            bar.progressProperty().unbind();
            message.textProperty().unbind();
            if (now != null) {
                bar.progressProperty().bind(now.progressProperty());
                message.textProperty().bind(now.messageProperty());
            }
        });
        Button cancel = new Button("Cancel import");
        cancel.setId(CANCEL_ID);
        cancel.setOnAction(e -> model.cancel());
        HBox row = new HBox(10, bar, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, row, message);
    }

    private VBox done() {
        Label summary = new Label();
        summary.setId(SUMMARY_ID);
        summary.setWrapText(true);
        summary.textProperty().bind(Bindings.createStringBinding(() -> summaryText(model.summaryProperty().get()),
                model.summaryProperty()));
        TableView<RejectedRow> rejects = new TableView<>(model.rejects());
        rejects.setId(REJECTS_ID);
        rejects.getStyleClass().addAll(DatasetStyles.SMALL_TABLE, Styles.DENSE);
        rejects.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<RejectedRow, String> file = new TableColumn<>("File");
        file.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(DatasetText.fileName(c.getValue().source().file())));
        file.setPrefWidth(200);
        TableColumn<RejectedRow, Long> line = new TableColumn<>("Line");
        line.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().source().line()));
        line.setPrefWidth(70);
        TableColumn<RejectedRow, String> reason = new TableColumn<>("Reason");
        reason.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().reason()));
        reason.setPrefWidth(500);
        rejects.getColumns().setAll(List.of(file, line, reason));
        rejects.setFixedCellSize(26);
        rejects.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> 34 + 26.0 * Math.clamp(model.rejects().size(), 1, 8), model.rejects()));
        rejects.visibleProperty().bind(Bindings.isNotEmpty(model.rejects()));
        rejects.managedProperty().bind(rejects.visibleProperty());
        Button close = new Button("Done");
        close.setId(CLOSE_ID);
        close.setOnAction(e -> model.reset());
        HBox row = new HBox(8, summary, PageLayout.hgap(), close);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(10, row, rejects);
    }

    static String summaryText(ImportSummary s) {
        if (s == null) {
            return "";
        }
        String head = s.completed() ? "Imported " : "Cancelled: kept ";
        return head + DatasetText.count(s.imported(), "row") + " (" + s.format().cliName() + ") \u00b7 "
                + DatasetText.number(s.rejectedCount()) + " rejected \u00b7 "
                + DatasetText.number(s.duplicatesInFile()) + " duplicates in the file \u00b7 "
                + String.format(Locale.ROOT, "%.1f s, %,.0f rows/s", s.elapsed().toMillis() / 1000.0, s.rowsPerSecond())
                + (s.rejectedCount() > s.rejected().size() ? " \u00b7 the first " + s.rejected().size()
                + " rejects are listed" : "");
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value, int columns) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(columns);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static Label sectionLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(DatasetStyles.HINT);
        return label;
    }
}
