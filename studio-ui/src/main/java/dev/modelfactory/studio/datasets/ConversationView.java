package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.PiiSpan;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.List;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The row detail: the conversation as chat bubbles (system, user, assistant and tool styled apart; raw text
 * as one block; tool definitions and calls in monospace), then who contributed it, on what terms, where it
 * came from and its hash. PII the last check found is marked in the text (see {@link PiiText}).
 */
final class ConversationView {

    static final String ID = "dataset-row-detail";
    static final String BUBBLES_ID = "dataset-row-bubbles";
    static final String EDIT_ID = "dataset-row-edit";

    private final VBox bubbles = new VBox();
    private final GridPane meta = new GridPane();
    private final Label hint = new Label("Choose a row to read it here.");
    private final ScrollPane view;
    private final java.util.function.BiConsumer<DatasetRow, Conversation> save;
    private final javafx.scene.control.Button edit = new javafx.scene.control.Button("Edit");
    private final java.util.function.BiConsumer<Long, java.util.function.Consumer<List<PiiSpan>>> pii;
    private DatasetRow shown;

    /**
     * @param save stores an edited row's content (the page records it, so it can be undone)
     * @param pii  looks up a row's PII spans in the background and hands them over on the FX thread
     */
    ConversationView(ObservableValue<DatasetRow> row, java.util.function.BiConsumer<DatasetRow, Conversation> save,
                     java.util.function.BiConsumer<Long, java.util.function.Consumer<List<PiiSpan>>> pii) {
        this.save = save;
        this.pii = pii;
        edit.setId(EDIT_ID);
        edit.getStyleClass().add(atlantafx.base.theme.Styles.FLAT);
        edit.setOnAction(e -> startEditing());
        bubbles.setId(BUBBLES_ID);
        bubbles.getStyleClass().add(DatasetStyles.BUBBLES);
        meta.getStyleClass().add(DatasetStyles.META);
        hint.getStyleClass().add(DatasetStyles.DETAIL_HINT);
        hint.setWrapText(true);
        VBox content = new VBox(hint, edit, bubbles, meta);
        content.getStyleClass().add(DatasetStyles.DETAIL);
        view = new ScrollPane(content);
        view.setId(ID);
        view.setFitToWidth(true);
        view.getStyleClass().add(DatasetStyles.DETAIL);
        row.addListener((obs, old, now) -> show(now));
        show(row.getValue());
    }

    Node node() {
        return view;
    }

    private void show(DatasetRow row) {
        bubbles.getChildren().clear();
        meta.getChildren().clear();
        hint.setVisible(row == null);
        hint.setManaged(row == null);
        shown = row;
        edit.setVisible(row != null);
        edit.setManaged(row != null);
        if (row == null) {
            return;
        }
        Conversation c = row.content();
        showBubbles(c, List.of());
        pii.accept(row.id(), spans -> {
            if (shown == row && !spans.isEmpty() && edit.isVisible()) {
                showBubbles(c, spans);
            }
        });
        int r = 0;
        addMeta(r++, "Status", DatasetText.status(row.status()));
        addMeta(r++, "Contributor", row.contributor() == null ? DatasetText.NONE : row.contributor());
        addMeta(r++, "Licence", row.licence() == null ? DatasetText.NONE : row.licence());
        addMeta(r++, "Allowed uses", DatasetText.uses(row.allowedUses()));
        addMeta(r++, "Split", row.split() == null ? DatasetText.NONE : DatasetText.split(row.split()));
        addMeta(r++, "Tags", c.tags().isEmpty() ? DatasetText.NONE : String.join(", ", c.tags()));
        addMeta(r++, "Source", DatasetText.fileName(row.source().file()) + ":" + row.source().line()
                + " (record " + row.source().record() + ")");
        addMeta(r, "Row hash", row.rowHash());
    }

    /** The conversation as bubbles, with the PII spans the last check found marked in their fields. */
    private void showBubbles(Conversation c, List<PiiSpan> spans) {
        bubbles.getChildren().clear();
        if (c.tools() != null) {
            bubbles.getChildren().add(bubble("tool", "Tools offered", c.tools(), true, List.of()));
        }
        for (int i = 0; i < c.messages().size(); i++) {
            Message m = c.messages().get(i);
            String role = m.role().wire();
            String title = DatasetText.role(m.role()) + (m.name() == null ? "" : " \u00b7 " + m.name());
            if (!m.content().isEmpty() || m.toolCalls() == null) {
                bubbles.getChildren().add(bubble(role, title, m.content(), m.role().wire().equals("tool"), field(spans, i)));
            }
            if (m.toolCalls() != null) {
                bubbles.getChildren().add(bubble(role, title + " \u00b7 tool calls", m.toolCalls(), true, List.of()));
            }
        }
        if (c.text() != null) {
            bubbles.getChildren().add(bubble("text", "Text", c.text(), false, field(spans, -1)));
        }
    }

    private static List<PiiSpan> field(List<PiiSpan> spans, int field) {
        return spans.stream().filter(s -> s.field() == field).sorted(java.util.Comparator.comparingInt(PiiSpan::start)).toList();
    }

    /** Swaps the bubbles for an editor of the shown row; Save hands the new content on, Cancel shows it again. */
    private void startEditing() {
        DatasetRow row = shown;
        if (row == null) {
            return;
        }
        edit.setVisible(false);
        edit.setManaged(false);
        bubbles.getChildren().setAll(new RowEditor(row.content(), content -> save.accept(row, content), () -> show(row)).node());
    }

    private static Node bubble(String role, String title, String text, boolean code, List<PiiSpan> spans) {
        Label roleLabel = new Label(title.toUpperCase(Locale.ROOT));
        roleLabel.getStyleClass().add(DatasetStyles.BUBBLE_ROLE);
        Node body = spans.isEmpty() ? plain(text, code) : PiiText.flow(text, spans);
        VBox box = new VBox(3, roleLabel, body);
        box.getStyleClass().addAll(DatasetStyles.BUBBLE, role);
        box.setMaxWidth(Double.MAX_VALUE);
        HBox line = new HBox(box);
        HBox.setHgrow(box, Priority.ALWAYS);
        boolean mine = role.equals("user");
        line.setAlignment(mine ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        line.getStyleClass().add(mine ? "from-user" : "from-other");
        return line;
    }

    private static Label plain(String text, boolean code) {
        Label body = new Label(text.isEmpty() ? "(empty)" : text);
        body.setWrapText(true);
        body.getStyleClass().add(code ? DatasetStyles.BUBBLE_CODE : DatasetStyles.BUBBLE_TEXT);
        body.setMinHeight(Label.USE_PREF_SIZE);
        return body;
    }

    private void addMeta(int row, String name, String value) {
        Label nameLabel = new Label(name);
        nameLabel.getStyleClass().add(DatasetStyles.META_NAME);
        nameLabel.setMinWidth(Label.USE_PREF_SIZE);
        Label valueLabel = new Label(value);
        valueLabel.setWrapText(true);
        valueLabel.setMinHeight(Label.USE_PREF_SIZE);
        valueLabel.getStyleClass().add(DatasetStyles.META_VALUE);
        if (name.equals("Row hash")) {
            valueLabel.getStyleClass().add(StudioStyles.MONOSPACE);
        }
        MenuItem copy = new MenuItem("Copy " + name.toLowerCase(Locale.ROOT));
        copy.setOnAction(e -> Clipboard.getSystemClipboard().setContent(java.util.Map.of(DataFormat.PLAIN_TEXT, value)));
        valueLabel.setContextMenu(new ContextMenu(copy));
        GridPane.setHgrow(valueLabel, Priority.ALWAYS);
        meta.addRow(row, nameLabel, valueLabel);
    }
}
