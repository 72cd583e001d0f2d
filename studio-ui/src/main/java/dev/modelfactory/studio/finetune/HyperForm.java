package dev.modelfactory.studio.finetune;

import atlantafx.base.theme.Styles;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The hyperparameters as a two-group grid (basic open, advanced in a collapsible pane): per field its name
 * and one-line explanation, the input, the valid range, and, when the value is wrong, the reason in red
 * beside it. Validation runs on every edit ({@link ConfigDraft#validate}); LoRA fields are disabled for
 * full fine-tuning.
 */
final class HyperForm extends VBox {

    private final Map<String, Control> inputs = new LinkedHashMap<>();
    private final Map<String, Label> errors = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<ConfigDraft.Validation> validation = new ReadOnlyObjectWrapper<>();
    private TrainingConfig lastValid = Preset.BALANCED.config();
    private boolean loading;

    HyperForm() {
        super(10);
        GridPane basic = grid(true);
        GridPane advanced = grid(false);
        TitledPane more = new TitledPane("Advanced", advanced);
        more.setId("finetune-advanced");
        more.setExpanded(false);
        getChildren().addAll(basic, more);
        setConfig(lastValid);
    }

    ReadOnlyObjectProperty<ConfigDraft.Validation> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    ConfigDraft.Validation validation() {
        return validation.get();
    }

    Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        inputs.forEach((k, c) -> v.put(k, c instanceof TextField t ? t.getText()
                : String.valueOf(((ComboBox<?>) c).getValue())));
        return v;
    }

    void setConfig(TrainingConfig c) {
        loading = true;
        try {
            ConfigDraft.values(c).forEach(this::setValue);
        } finally {
            loading = false;
        }
        revalidate();
    }

    @SuppressWarnings("unchecked")
    void setValue(String key, String value) {
        Control c = inputs.get(key);
        if (c instanceof TextField t) {
            t.setText(value);
        } else if (c != null) {
            ((ComboBox<String>) c).setValue(value);
        }
    }

    private GridPane grid(boolean basic) {
        GridPane g = new GridPane(14, 10);
        ColumnConstraints name = new ColumnConstraints(180, 230, 280);
        ColumnConstraints inputColumn = new ColumnConstraints(120, 160, 200);
        ColumnConstraints rangeColumn = new ColumnConstraints(70, 150, 170);
        ColumnConstraints reasonColumn = new ColumnConstraints();
        reasonColumn.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(name, inputColumn, rangeColumn, reasonColumn);
        int row = 0;
        for (HyperField f : HyperField.ALL) {
            if (f.basic() != basic) {
                continue;
            }
            Label label = new Label(f.label());
            label.getStyleClass().add(Styles.TEXT_BOLD);
            Label help = new Label(f.help());
            help.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            help.setWrapText(true);
            Control input = f.choices().isEmpty() ? new TextField() : new ComboBox<>(
                    FXCollections.observableArrayList(f.choices()));
            input.setId("field-" + f.idPart());
            input.setMaxWidth(Double.MAX_VALUE);
            if (input instanceof TextField t) {
                t.textProperty().addListener((o, a, b) -> revalidate());
            } else {
                ((ComboBox<?>) input).valueProperty().addListener((o, a, b) -> revalidate());
            }
            Label range = new Label(f.range());
            range.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            Label error = new Label();
            error.setId("error-" + f.idPart());
            error.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
            error.setWrapText(true);
            inputs.put(f.key(), input);
            errors.put(f.key(), error);
            g.add(new VBox(1, label, help), 0, row);
            g.add(input, 1, row);
            g.add(range, 2, row);
            g.add(error, 3, row);
            row++;
        }
        return g;
    }

    private void revalidate() {
        if (loading || inputs.size() < HyperField.ALL.size()) {
            return;
        }
        Map<String, String> v = values();
        boolean full = "full".equals(v.get("method"));
        inputs.forEach((k, c) -> {
            if (k.startsWith("lora.")) {
                c.setDisable(full);
            }
        });
        ConfigDraft.Validation result = ConfigDraft.validate(v, lastValid);
        errors.forEach((k, label) -> {
            String reason = result.errors().get(k);
            label.setText(reason == null ? "" : reason);
            inputs.get(k).pseudoClassStateChanged(Styles.STATE_DANGER, reason != null);
        });
        result.config().ifPresent(c -> lastValid = c);
        validation.set(result);
    }
}
