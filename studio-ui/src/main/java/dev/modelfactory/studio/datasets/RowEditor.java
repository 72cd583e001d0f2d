package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Inline editor of a row's content in the detail pane: one text area per message (role, name, tool calls
 * and ids kept as they are) and one for raw text; Save builds the new {@link Conversation} (tags and tools
 * unchanged) and hands it on, Cancel drops the edits.
 */
final class RowEditor {

    static final String SAVE_ID = "dataset-row-save";
    static final String CANCEL_ID = "dataset-row-cancel";
    static final String FIELD_PREFIX = "dataset-row-field-";

    private final VBox box = new VBox(6);

    RowEditor(Conversation content, Consumer<Conversation> save, Runnable cancel) {
        List<TextArea> fields = new ArrayList<>();
        int i = 0;
        for (Message m : content.messages()) {
            fields.add(field(i++, DatasetText.role(m.role()), m.content()));
        }
        TextArea text = content.text() == null ? null : field(i, "Text", content.text());
        Button ok = new Button("Save");
        ok.setId(SAVE_ID);
        ok.getStyleClass().add(Styles.ACCENT);
        ok.setOnAction(e -> {
            List<Message> messages = new ArrayList<>();
            for (int k = 0; k < content.messages().size(); k++) {
                Message m = content.messages().get(k);
                messages.add(new Message(m.role(), fields.get(k).getText(), m.name(), m.toolCalls(), m.toolCallId()));
            }
            save.accept(new Conversation(messages, text == null ? null : text.getText(), content.tools(), content.tags()));
        });
        Button no = new Button("Cancel");
        no.setId(CANCEL_ID);
        no.getStyleClass().add(Styles.FLAT);
        no.setOnAction(e -> cancel.run());
        box.getChildren().add(new HBox(8, ok, no));
    }

    private TextArea field(int index, String title, String value) {
        Label label = new Label(title.toUpperCase(Locale.ROOT));
        label.getStyleClass().add(DatasetStyles.BUBBLE_ROLE);
        TextArea area = new TextArea(value);
        area.setId(FIELD_PREFIX + index);
        area.setWrapText(true);
        area.setPrefRowCount(Math.clamp(value.length() / 50 + 1, 2, 8));
        box.getChildren().addAll(label, area);
        return area;
    }

    Node node() {
        return box;
    }
}
