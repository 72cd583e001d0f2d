package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import java.util.List;
import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The row filters over {@link DatasetsViewModel}: search, status, split, contributor and tag (dropdowns of
 * what the dataset holds, see {@link FilterChoices}), the flag filter, a token-length range and
 * "duplicates only". Typed text reaches the model after a short pause (or at once on Enter).
 */
final class FilterBar {

    private final DatasetsViewModel model;

    FilterBar(DatasetsViewModel model) {
        this.model = model;
    }

    Node node(Node flagFilter) {
        TextField search = new TextField();
        search.setId(DatasetsPage.SEARCH_ID);
        search.setPromptText("Search the rows' text");
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMinWidth(140);
        debounce(search, model.searchProperty());
        ComboBox<RowStatus> status = DatasetsPage.choice(DatasetsPage.STATUS_FILTER_ID, "Any status", RowStatus.values(),
                DatasetText::status);
        status.valueProperty().bindBidirectional(model.statusProperty());
        ComboBox<Split> split = DatasetsPage.choice(DatasetsPage.SPLIT_FILTER_ID, "Any split", Split.values(), DatasetText::split);
        split.valueProperty().bindBidirectional(model.splitProperty());
        ComboBox<String> contributor = named(DatasetsPage.CONTRIBUTOR_FILTER_ID, "Any contributor",
                model.filterChoices().contributors(), model.contributorProperty());
        ComboBox<String> tag = named(DatasetsPage.TAG_FILTER_ID, "Any tag", model.filterChoices().tags(), model.tagProperty());
        TextField min = tokens(DatasetsPage.MIN_TOKENS_ID, "min", model.minTokensProperty());
        TextField max = tokens(DatasetsPage.MAX_TOKENS_ID, "max", model.maxTokensProperty());
        Label length = new Label("Tokens");
        length.setTooltip(new Tooltip("Rows whose token count (from the last check) lies in this range"));
        CheckBox duplicates = new CheckBox("Duplicates only");
        duplicates.setId(DatasetsPage.DUPLICATES_FILTER_ID);
        duplicates.selectedProperty().bindBidirectional(model.duplicatesOnlyProperty());
        Button clear = new Button("Clear");
        clear.getStyleClass().add(Styles.FLAT);
        clear.setOnAction(e -> {
            model.clearFilters();
            search.clear();
            min.clear();
            max.clear();
        });
        for (Region r : List.<Region>of(status, split, length, min, max, duplicates, clear)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        contributor.setStyle("-fx-pref-width: 200;"); // wider than the other filters: names and addresses
        tag.setStyle("-fx-pref-width: 150;");
        HBox first = new HBox(8, search, status, split, contributor, tag);
        HBox second = new HBox(8, flagFilter, length, min, max, duplicates, clear);
        for (HBox row : List.of(first, second)) {
            row.setAlignment(Pos.CENTER_LEFT);
        }
        javafx.scene.layout.VBox rows = new javafx.scene.layout.VBox(8, first, second);
        rows.getStyleClass().add(DatasetStyles.FILTERS);
        return rows;
    }

    /** A dropdown of the dataset's names (null: any) kept in step with a string filter ("" = any). */
    private static ComboBox<String> named(String id, String anyText, ObservableList<String> names, StringProperty target) {
        ComboBox<String> box = DatasetsPage.choice(id, anyText, new String[0], n -> n);
        box.setMaxWidth(200);
        Runnable fill = () -> {
            String chosen = box.getValue();
            box.getItems().setAll(new java.util.ArrayList<String>(java.util.Collections.singletonList(null)));
            box.getItems().addAll(names);
            if (chosen != null && !names.contains(chosen)) {
                box.getItems().add(chosen); // still filtering by it: keep it offered
            }
            box.setValue(chosen);
        };
        names.addListener((ListChangeListener<String>) ch -> fill.run());
        fill.run();
        box.valueProperty().addListener((obs, old, now) -> {
            if (!Objects.equals(now == null ? "" : now, target.get())) {
                target.set(now == null ? "" : now);
            }
        });
        target.addListener((obs, old, now) -> {
            String value = now == null || now.isEmpty() ? null : now;
            if (!Objects.equals(value, box.getValue())) {
                if (value != null && !box.getItems().contains(value)) {
                    box.getItems().add(value);
                }
                box.setValue(value);
            }
        });
        return box;
    }

    /** A whole-number field for a token bound; empty means unbounded. */
    private static TextField tokens(String id, String prompt, ObjectProperty<Integer> target) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(4);
        field.setTextFormatter(new TextFormatter<String>(change -> change.getControlNewText().matches("\\d{0,9}") ? change : null));
        PauseTransition pause = new PauseTransition(Duration.millis(300));
        Runnable apply = () -> {
            String t = field.getText();
            Integer value = t == null || t.isEmpty() ? null : Integer.valueOf(t);
            if (!Objects.equals(value, target.get())) {
                target.set(value);
            }
        };
        pause.setOnFinished(e -> apply.run());
        field.textProperty().addListener((obs, old, now) -> pause.playFromStart());
        field.setOnAction(e -> {
            pause.stop();
            apply.run();
        });
        target.addListener((obs, old, now) -> {
            if (now == null && !field.getText().isEmpty()) {
                field.clear();
            }
        });
        return field;
    }

    /** Text typed into a filter field reaches the view model after a short pause (or at once on Enter). */
    static void debounce(TextField field, StringProperty target) {
        PauseTransition pause = new PauseTransition(Duration.millis(300));
        pause.setOnFinished(e -> target.set(field.getText()));
        field.textProperty().addListener((obs, old, now) -> pause.playFromStart());
        field.setOnAction(e -> {
            pause.stop();
            target.set(field.getText());
        });
        target.addListener((obs, old, now) -> {
            if (!Objects.equals(now, field.getText()) && (now == null || now.isEmpty())) {
                field.setText(now == null ? "" : now);
            }
        });
    }
}
