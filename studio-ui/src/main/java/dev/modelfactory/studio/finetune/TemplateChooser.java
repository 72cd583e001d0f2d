package dev.modelfactory.studio.finetune;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Which chat template renders the rows: the model's own (what was detected is shown), a built-in format,
 * or Jinja text typed here. {@link #choice()} is what the run's {@code chat_template} takes: null for the
 * model's own, a built-in's name, or the Jinja text.
 */
final class TemplateChooser extends VBox {

    static final String MODEL = "model";
    static final String CUSTOM = "custom";

    private final ComboBox<String> kind = new ComboBox<>();
    private final TextArea jinja = new TextArea();
    private String detected = "detected when the model is read";
    private Runnable changed = () -> { };
    private boolean quiet;

    TemplateChooser() {
        super(6);
        kind.setId("finetune-template-choice");
        jinja.setId("finetune-template-jinja");
        jinja.setPromptText("{% for message in messages %}...{% endfor %}{% if add_generation_prompt %}...{% endif %}");
        jinja.setPrefRowCount(4);
        jinja.getStyleClass().add(dev.modelfactory.studio.ui.StudioStyles.MONOSPACE);
        jinja.setVisible(false);
        jinja.setManaged(false);
        kind.setCellFactory(l -> cell());
        kind.setButtonCell(cell());
        kind.getItems().setAll(MODEL, CUSTOM);
        kind.setValue(MODEL);
        kind.valueProperty().addListener((o, a, b) -> {
            boolean custom = CUSTOM.equals(b);
            jinja.setVisible(custom);
            jinja.setManaged(custom);
            if (!quiet) {
                changed.run();
            }
        });
        jinja.textProperty().addListener((o, a, b) -> changed.run());
        Label label = new Label("Template");
        label.getStyleClass().add(Styles.TEXT_BOLD);
        HBox row = new HBox(10, label, kind);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(kind, Priority.NEVER);
        getChildren().addAll(row, jinja);
    }

    /** The built-in names the backend offers. */
    void setBuiltIns(List<String> names) {
        String kept = kind.getValue();
        List<String> items = new java.util.ArrayList<>(List.of(MODEL));
        items.addAll(names);
        items.add(CUSTOM);
        if (items.equals(kind.getItems())) {
            return;
        }
        quiet = true; // the choice stays what it was
        try {
            kind.getItems().setAll(items);
            kind.setValue(items.contains(kept) ? kept : MODEL);
        } finally {
            quiet = false;
        }
    }

    /** How the model's own template was described by the last preview ("from the model", "ChatML (built in)"). */
    void setDetected(String text) {
        if (text.equals(detected)) {
            return;
        }
        detected = text;
        String v = kind.getValue();
        quiet = true; // a relabel, not a new choice: no new preview
        try {
            kind.setButtonCell(cell());
            kind.setValue(null);
            kind.setValue(v);
        } finally {
            quiet = false;
        }
    }

    void onChange(Runnable r) {
        changed = r;
    }

    /** null (the model's own), a built-in's name, or Jinja text; empty custom text counts as the model's own. */
    String choice() {
        String v = kind.getValue();
        if (v == null || MODEL.equals(v)) {
            return null;
        }
        if (CUSTOM.equals(v)) {
            return jinja.getText() == null || jinja.getText().isBlank() ? null : jinja.getText();
        }
        return v;
    }

    /** Shows a config's choice (a loaded YAML). */
    void setChoice(String choice) {
        if (choice == null) {
            kind.setValue(MODEL);
        } else if (kind.getItems().contains(choice)) {
            kind.setValue(choice);
        } else {
            jinja.setText(choice);
            kind.setValue(CUSTOM);
        }
    }

    private ListCell<String> cell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : switch (item) {
                    case MODEL -> "Model's own (" + detected + ")";
                    case CUSTOM -> "Custom Jinja\u2026";
                    case "chatml" -> "ChatML";
                    case "llama3" -> "Llama 3";
                    case "mistral" -> "Mistral [INST]";
                    default -> item;
                });
            }
        };
    }
}
