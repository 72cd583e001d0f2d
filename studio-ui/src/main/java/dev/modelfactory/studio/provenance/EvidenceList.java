package dev.modelfactory.studio.provenance;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A list of evidence rows: rank, score, contributor, row id and the row's snippet. */
final class EvidenceList extends VBox {

    private final String idPrefix;
    private final String scoreName;
    private final String empty;

    /**
     * @param id        the list's node id; rows get {@code id + "-" + index}
     * @param scoreName what the score means ("influence", "BM25")
     * @param empty     what to say when there is no row
     */
    EvidenceList(String id, String scoreName, String empty) {
        super(4);
        setId(id);
        this.idPrefix = id + "-";
        this.scoreName = scoreName;
        this.empty = empty;
        show(List.of());
    }

    void show(List<EvidenceRow> rows) {
        getChildren().clear();
        if (rows.isEmpty()) {
            Label none = new Label(empty);
            none.getStyleClass().add(Styles.TEXT_MUTED);
            none.setWrapText(true);
            getChildren().add(none);
            return;
        }
        int i = 0;
        for (EvidenceRow r : rows) {
            getChildren().add(row(i++, r));
        }
    }

    private HBox row(int index, EvidenceRow r) {
        Label rank = new Label("[" + (index + 1) + "]");
        rank.setMinWidth(36);
        Label score = new Label(String.format(Locale.ROOT, "%s %.4g", scoreName, r.score()));
        score.getStyleClass().addAll(StudioStyles.MONOSPACE, Styles.TEXT_SMALL);
        score.setMinWidth(150);
        Label who = new Label(r.contributor());
        who.getStyleClass().add(Styles.TEXT_BOLD);
        who.setMinWidth(110);
        Label id = new Label("row " + r.rowId());
        id.getStyleClass().add(Styles.TEXT_MUTED);
        id.setMinWidth(80);
        Label snippet = new Label(oneLine(r.snippet()));
        snippet.getStyleClass().add(StudioStyles.MONOSPACE);
        snippet.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(snippet, Priority.ALWAYS);
        HBox row = new HBox(10, rank, score, who, id, snippet);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setId(idPrefix + index);
        row.setUserData(r);
        return row;
    }

    static String oneLine(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        return t.length() > 140 ? t.substring(0, 139) + "\u2026" : t;
    }
}
