package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.VersionDiff;
import dev.modelfactory.studio.ui.PageLayout;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.converter.LongStringConverter;

/**
 * Splits by ratio and seed (optionally stratified by tag), freezing a version, the versions with their
 * Merkle roots, the diff of two versions, and export.
 */
final class VersionsPane {

    static final String ID = "dataset-versions";
    static final String TABLE_ID = "dataset-versions-table";
    static final String SPLIT_ID = "dataset-assign-splits";
    static final String FREEZE_ID = "dataset-freeze";
    static final String STRATIFY_ID = "dataset-split-stratify";
    static final String LABEL_ID = "dataset-freeze-label";
    static final String DIFF_ID = "dataset-diff";
    static final String DIFF_RESULT_ID = "dataset-diff-result";
    static final String OUTCOME_ID = "dataset-versions-outcome";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final VersionsViewModel model;
    private final VBox node;

    VersionsPane(VersionsViewModel model, DatasetChooser chooser) {
        this.model = model;
        Label outcome = new Label();
        outcome.setId(OUTCOME_ID);
        outcome.getStyleClass().add(DatasetStyles.HINT);
        outcome.textProperty().bind(model.outcomeProperty());
        node = PageLayout.section("Splits and versions",
                "Freezing makes an immutable version of the rows not rejected, named by the Merkle root of their "
                        + "hashes and splits; training and attribution refer to it.",
                splits(), freeze(), outcome, table(), diff(),
                new ExportPane(model.exporter(), model.versions(), chooser).node());
        node.setId(ID);
    }

    Node node() {
        return node;
    }

    private Node splits() {
        HBox row = new HBox(8, new Label("Split"), ratio(model.trainProperty(), "train"),
                ratio(model.validationProperty(), "validation"), ratio(model.testProperty(), "test"),
                new Label("seed"), seed(), stratify(), assign());
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node ratio(DoubleProperty value, String name) {
        Spinner<Double> spinner = new Spinner<>(0.0, 1.0, value.get(), 0.05);
        spinner.setId("dataset-split-" + name);
        spinner.setEditable(true);
        spinner.setPrefWidth(90);
        spinner.valueProperty().addListener((obs, old, now) -> value.set(now == null ? 0 : now));
        HBox box = new HBox(4, spinner, new Label(name));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node seed() {
        TextField seed = new TextField();
        seed.setId("dataset-split-seed");
        seed.setPrefColumnCount(6);
        javafx.scene.control.TextFormatter<Long> formatter = new javafx.scene.control.TextFormatter<>(
                new LongStringConverter(), model.seedProperty().get());
        seed.setTextFormatter(formatter);
        formatter.valueProperty().addListener((obs, old, now) -> model.seedProperty().set(now == null ? 0 : now));
        return seed;
    }

    private Node stratify() {
        javafx.scene.control.CheckBox stratify = new javafx.scene.control.CheckBox("Stratify by tag");
        stratify.setId(STRATIFY_ID);
        stratify.setTooltip(new javafx.scene.control.Tooltip("Split each set of tags on its own with the same ratios"));
        stratify.selectedProperty().bindBidirectional(model.stratifyByTagProperty());
        return stratify;
    }

    private Node assign() {
        Button assign = new Button("Assign splits");
        assign.setId(SPLIT_ID);
        assign.setOnAction(e -> model.assignSplits());
        return assign;
    }

    private Node freeze() {
        TextField label = new TextField();
        label.setId(LABEL_ID);
        label.setPromptText("Label (optional)");
        label.setPrefColumnCount(18);
        label.textProperty().bindBidirectional(model.labelProperty());
        Button freeze = new Button("Freeze version");
        freeze.setId(FREEZE_ID);
        freeze.getStyleClass().add(Styles.ACCENT);
        freeze.setOnAction(e -> model.freeze());
        HBox row = new HBox(8, new Label("Freeze"), label, freeze);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node table() {
        TableView<DatasetVersion> table = new TableView<>(model.versions());
        table.setId(TABLE_ID);
        table.getStyleClass().addAll(DatasetStyles.SMALL_TABLE, Styles.DENSE, Styles.STRIPED);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                text("Merkle root", 560, DatasetVersion::root),
                text("Rows", 90, v -> DatasetText.number(v.rowCount())),
                text("Frozen", 140, v -> WHEN.format(v.createdAt())),
                text("Split", 150, v -> v.split().map(DatasetText::ratio).orElse("as assigned")),
                text("Label", 160, v -> v.label() == null ? "" : v.label())));
        table.getColumns().getFirst().getStyleClass().add(DatasetStyles.MONO_CELL);
        table.setPrefHeight(170);
        table.setPlaceholder(new Label("No version frozen yet."));
        return table;
    }

    private static TableColumn<DatasetVersion, String> text(String title, double width,
            java.util.function.Function<DatasetVersion, String> value) {
        TableColumn<DatasetVersion, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    private Node diff() {
        ComboBox<DatasetVersion> from = versionChoice("dataset-diff-from");
        from.valueProperty().bindBidirectional(model.diffFromProperty());
        ComboBox<DatasetVersion> to = versionChoice("dataset-diff-to");
        to.valueProperty().bindBidirectional(model.diffToProperty());
        Button compare = new Button("Compare");
        compare.setId(DIFF_ID);
        compare.disableProperty().bind(Bindings.size(model.versions()).lessThan(2));
        compare.setOnAction(e -> model.compare());
        Label result = new Label();
        result.setId(DIFF_RESULT_ID);
        result.textProperty().bind(Bindings.createStringBinding(() -> diffText(model.diffProperty().get()),
                model.diffProperty()));
        HBox row = new HBox(8, new Label("Compare"), from, new Label("with"), to, compare, result);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    static String diffText(VersionDiff d) {
        if (d == null) {
            return "";
        }
        return "+" + DatasetText.number(d.added()) + " added \u00b7 \u2212" + DatasetText.number(d.removed())
                + " removed \u00b7 " + DatasetText.number(d.kept()) + " kept";
    }

    private ComboBox<DatasetVersion> versionChoice(String id) {
        ComboBox<DatasetVersion> box = new ComboBox<>(model.versions());
        box.setId(id);
        box.setPrefWidth(280);
        box.setCellFactory(v -> new VersionCell());
        box.setButtonCell(new VersionCell());
        return box;
    }

    /** "3f2a9c01b7e4 · 1,200 rows · label". */
    private static final class VersionCell extends ListCell<DatasetVersion> {
        @Override
        protected void updateItem(DatasetVersion v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty || v == null ? null : v.shortRoot() + " \u00b7 " + DatasetText.count(v.rowCount(), "row")
                    + (v.label() == null ? "" : " \u00b7 " + v.label()));
        }
    }
}
