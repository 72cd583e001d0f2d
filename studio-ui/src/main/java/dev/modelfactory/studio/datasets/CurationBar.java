package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import dev.modelfactory.studio.task.BackgroundTask;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableIntegerValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import dev.modelfactory.studio.ui.PageLayout;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The row curation controls over {@link CurationViewModel}: Undo / Redo saying what they would undo
 * (Ctrl+Z / Ctrl+Shift+Z while focus is on the page outside a text field), tag/untag of the selected rows
 * or of every row matching the filter, "Run checks" with progress and cancel, the flag filter with each
 * flag's count, and the History panel.
 */
final class CurationBar {

    static final String UNDO_ID = "datasets-undo";
    static final String REDO_ID = "datasets-redo";
    static final String TAG_NAME_ID = "datasets-tag-name";
    static final String TAG_ID = "datasets-tag";
    static final String UNTAG_ID = "datasets-untag";
    static final String ALL_MATCHING_ID = "datasets-all-matching";
    static final String CHECK_ID = "datasets-run-checks";
    static final String CHECK_CANCEL_ID = "datasets-checks-cancel";
    static final String FLAG_FILTER_ID = "datasets-flag-filter";
    static final String HISTORY_ID = "datasets-history";
    static final String KEEP_ONE_ID = "datasets-keep-one";
    static final String REJECT_DUPLICATES_ID = "datasets-reject-duplicates";
    static final String CLUSTERS_ID = "datasets-near-clusters";

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.systemDefault());

    private final DatasetsViewModel model;
    private final CurationViewModel curation;
    private final ObservableIntegerValue selectedCount;
    private final java.util.function.Supplier<List<Integer>> selection;

    CurationBar(DatasetsViewModel model, ObservableIntegerValue selectedCount, java.util.function.Supplier<List<Integer>> selection) {
        this.model = model;
        this.curation = model.curation();
        this.selectedCount = selectedCount;
        this.selection = selection;
    }

    /** Undo, redo, tags and checks in one row. */
    Node actions() {
        Button undo = new Button("Undo");
        undo.setId(UNDO_ID);
        undo.disableProperty().bind(curation.undoTextProperty().isEmpty());
        undo.textProperty().bind(Bindings.createStringBinding(() -> curation.undoTextProperty().get().isEmpty() ? "Undo"
                : "Undo " + curation.undoTextProperty().get(), curation.undoTextProperty()));
        undo.setTooltip(new Tooltip("Ctrl+Z"));
        undo.setOnAction(e -> curation.undo());
        Button redo = new Button("Redo");
        redo.setId(REDO_ID);
        redo.disableProperty().bind(curation.redoTextProperty().isEmpty());
        redo.setTooltip(new Tooltip("Ctrl+Shift+Z"));
        redo.textProperty().bind(Bindings.createStringBinding(() -> curation.redoTextProperty().get().isEmpty() ? "Redo"
                : "Redo " + curation.redoTextProperty().get(), curation.redoTextProperty()));
        redo.setOnAction(e -> curation.redo());
        for (Button b : List.of(undo, redo)) {
            b.getStyleClass().add(Styles.FLAT);
            b.setMaxWidth(260);
        }

        TextField tag = new TextField();
        tag.setId(TAG_NAME_ID);
        tag.setPromptText("tag");
        tag.setPrefColumnCount(7);
        CheckBox allMatching = new CheckBox("All matching rows");
        allMatching.setId(ALL_MATCHING_ID);
        Button add = new Button("Tag");
        add.setId(TAG_ID);
        Button remove = new Button("Untag");
        remove.setId(UNTAG_ID);
        add.setOnAction(e -> tag(tag.getText(), true, allMatching.isSelected()));
        remove.setOnAction(e -> tag(tag.getText(), false, allMatching.isSelected()));
        for (Button b : List.of(add, remove)) {
            b.disableProperty().bind(tag.textProperty().isEmpty().or(allMatching.selectedProperty().not()
                    .and(Bindings.equal(0, selectedCount))));
        }

        Button check = new Button("Run checks");
        check.setId(CHECK_ID);
        check.setTooltip(new Tooltip("Flag duplicates, near-duplicates, PII, empty or truncated replies, length and"
                + " non-text rows"));
        check.setOnAction(e -> curation.runChecks());
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(90);
        Button cancel = new Button("Cancel");
        cancel.setId(CHECK_CANCEL_ID);
        cancel.getStyleClass().add(Styles.FLAT);
        cancel.setOnAction(e -> {
            BackgroundTask<?> t = curation.checkTaskProperty().get();
            if (t != null) {
                t.cancel();
            }
        });
        curation.checkTaskProperty().addListener((obs, old, now) -> {
            progress.progressProperty().unbind();
            if (now != null) {
                progress.progressProperty().bind(now.progressProperty());
            }
        });
        var running = curation.checkTaskProperty().isNotNull();
        for (Node n : List.of(progress, cancel)) {
            n.visibleProperty().bind(running);
            n.managedProperty().bind(running);
        }
        check.disableProperty().bind(running.or(model.selectedProperty().isNull()));

        Button keepOne = new Button("Keep this one");
        keepOne.setId(KEEP_ONE_ID);
        keepOne.setTooltip(new Tooltip("Keep the selected row and reject the others of its near-duplicate cluster (when"
                + " the table shows one) or of its exact-duplicate group"));
        keepOne.disableProperty().bind(Bindings.notEqual(1, selectedCount));
        keepOne.setOnAction(e -> model.keepOne(selection.get().getFirst()));
        Button dedupe = new Button("Reject exact duplicates");
        dedupe.setId(REJECT_DUPLICATES_ID);
        dedupe.setTooltip(new Tooltip("Keep the first row of each exact-duplicate group, reject the rest (undoable)"));
        dedupe.disableProperty().bind(model.selectedProperty().isNull());
        dedupe.setOnAction(e -> model.rejectDuplicates());

        HBox history = new HBox(8, undo, redo, PageLayout.hgap(), check, progress, cancel);
        HBox edits = new HBox(8, keepOne, dedupe, PageLayout.hgap(), tag, allMatching, add, remove);
        for (HBox row : List.of(history, edits)) {
            for (Node n : row.getChildren()) {
                if (n instanceof Region r && n != undo && n != redo) {
                    r.setMinWidth(Region.USE_PREF_SIZE);
                }
            }
            row.setAlignment(Pos.CENTER_LEFT);
        }
        VBox rows = new VBox(6, edits, history);
        rows.getStyleClass().add(DatasetStyles.BULK);
        return rows;
    }

    /** The flag filter: "Any flag" or one flag with the count the last check left. */
    Node flagFilter() {
        ComboBox<RowFlag> box = DatasetsPage.choice(FLAG_FILTER_ID, "Any flag", RowFlag.values(), this::flagText);
        box.valueProperty().bindBidirectional(model.flagProperty());
        box.setMinWidth(Region.USE_PREF_SIZE);
        curation.flagCountsProperty().addListener((obs, old, now) -> {
            RowFlag chosen = box.getValue();
            box.getItems().setAll(new java.util.ArrayList<RowFlag>(java.util.Collections.singletonList(null)));
            box.getItems().addAll(RowFlag.values());
            box.setValue(chosen);
        });
        return box;
    }

    /**
     * The last check's near-duplicate clusters, largest first: choosing one shows its rows in the table,
     * where "Keep this one" keeps the selected row and rejects the rest of the cluster.
     */
    Node nearDuplicates() {
        javafx.scene.layout.FlowPane links = new javafx.scene.layout.FlowPane(8, 4);
        links.setId(CLUSTERS_ID);
        Label none = new Label();
        Runnable fill = () -> {
            links.getChildren().clear();
            for (var c : curation.clusters()) {
                javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink(
                        DatasetText.count(c.size(), "row") + " \u00b7 " + DatasetText.count(c.contributors(), "contributor"));
                link.setId("near-cluster-" + c.clusterId());
                link.setOnAction(e -> {
                    model.nearClusterProperty().set(c.clusterId());
                    curation.compare(c);
                });
                links.getChildren().add(link);
            }
            if (model.nearClusterProperty().get() != null) {
                javafx.scene.control.Hyperlink all = new javafx.scene.control.Hyperlink("Show all rows");
                all.setOnAction(e -> model.nearClusterProperty().set(null));
                links.getChildren().add(all);
            }
            none.setText(curation.clusters().isEmpty() ? "No near-duplicate clusters (run the checks to find them)."
                    : "Near-duplicate clusters (Jaccard \u2265 0.8 over word 3-grams): choose one to compare its rows.");
        };
        curation.clusters().addListener((javafx.collections.ListChangeListener<Object>) ch -> fill.run());
        model.nearClusterProperty().addListener((obs, old, now) -> fill.run());
        fill.run();
        VBox box = new VBox(4, none, links);
        box.getStyleClass().add(DatasetStyles.BULK);
        return box;
    }

    /** The history panel: newest first, undone operations marked. */
    Node history() {
        ListView<HistoryEntry> list = new ListView<>(curation.history());
        list.setId(HISTORY_ID);
        list.setPrefHeight(150);
        list.setPlaceholder(new Label("No curation yet: accept, reject, tag or dedupe rows and they show here."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(HistoryEntry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : (e.undone() ? "(undone) " : "") + e.description()
                        + (e.actor() == null ? "" : " \u00b7 " + e.actor()) + " \u00b7 " + WHEN.format(e.at()));
                setOpacity(e != null && e.undone() ? 0.55 : 1);
            }
        });
        TitledPane pane = new TitledPane("History", new VBox(list));
        pane.setExpanded(true);
        return pane;
    }

    /** Ctrl+Z / Ctrl+Shift+Z on the page (a text field keeps its own undo: it consumes the keys first). */
    void installShortcuts(Node page) {
        page.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.Z && e.isShortcutDown() && model.selectedProperty().get() != null) {
                if (e.isShiftDown() && !curation.redoTextProperty().get().isEmpty()) {
                    curation.redo();
                } else if (!e.isShiftDown() && !curation.undoTextProperty().get().isEmpty()) {
                    curation.undo();
                }
                e.consume();
            }
        });
    }

    private void tag(String name, boolean add, boolean allMatching) {
        if (name == null || name.isBlank()) {
            return;
        }
        model.tag(allMatching ? null : List.copyOf(selection.get()), name, add);
    }

    private String flagText(RowFlag f) {
        Map<RowFlag, Long> counts = curation.flagCountsProperty().get();
        String name = DatasetText.capital(f.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        Long n = counts.get(f);
        return n == null ? name : name + " (" + DatasetText.number(n) + ")";
    }
}
