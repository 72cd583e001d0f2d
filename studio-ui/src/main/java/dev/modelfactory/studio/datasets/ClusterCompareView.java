package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.NearDuplicateCluster;
import dev.modelfactory.studio.ui.PageLayout;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One near-duplicate cluster side by side: pick a cluster, see its first rows next to each other with the
 * words that differ between them marked ({@link WordDiff}), and keep one (the others of the whole cluster
 * are rejected, recorded, so Undo brings them back). Everything is read through {@link CurationViewModel}.
 */
final class ClusterCompareView {

    static final String ID = "datasets-cluster-compare";
    static final String PICK_ID = "datasets-cluster-pick";
    static final String KEEP_PREFIX = "cluster-keep-";
    static final String DIFF_WORD = "diff-word";

    private final CurationViewModel curation;
    private final HBox columns = new HBox(10);
    private final Label hint = new Label();
    private final VBox node;

    ClusterCompareView(CurationViewModel curation) {
        this.curation = curation;
        ComboBox<NearDuplicateCluster> pick = new ComboBox<>(curation.clusters());
        pick.setId(PICK_ID);
        pick.setPromptText("Choose a cluster");
        pick.setCellFactory(v -> new ClusterCell());
        pick.setButtonCell(new ClusterCell());
        pick.valueProperty().addListener((obs, old, now) -> {
            if (now != curation.comparedClusterProperty().get()) {
                curation.compare(now);
            }
        });
        curation.comparedClusterProperty().addListener((obs, old, now) -> pick.setValue(now));
        curation.compared().addListener((ListChangeListener<DatasetRow>) ch -> show());
        curation.comparedClusterProperty().addListener((obs, old, now) -> show());
        curation.clusters().addListener((ListChangeListener<NearDuplicateCluster>) ch -> show());
        hint.getStyleClass().add(DatasetStyles.HINT);
        hint.setWrapText(true);
        HBox top = new HBox(8, new Label("Cluster"), pick, hint);
        top.setAlignment(Pos.CENTER_LEFT);
        node = PageLayout.section("Near-duplicates side by side", "Words that differ between the rows are marked. "
                + "Keep one and the cluster's other rows are rejected (undoable).", top, columns);
        node.setId(ID);
        show();
    }

    Node node() {
        return node;
    }

    private void show() {
        columns.getChildren().clear();
        NearDuplicateCluster cluster = curation.comparedClusterProperty().get();
        List<DatasetRow> rows = List.copyOf(curation.compared());
        if (cluster == null) {
            hint.setText(curation.clusters().isEmpty() ? "Run the checks to find near-duplicate clusters." : "");
            return;
        }
        hint.setText(rows.size() < cluster.size() ? "Showing " + rows.size() + " of " + DatasetText.count(cluster.size(), "row")
                + "; keeping one rejects all the others." : DatasetText.count(cluster.size(), "row"));
        List<String> texts = new ArrayList<>();
        for (DatasetRow r : rows) {
            texts.add(text(r.content()));
        }
        List<List<WordDiff.Piece>> marked = WordDiff.mark(texts);
        for (int i = 0; i < rows.size(); i++) {
            columns.getChildren().add(column(cluster, rows.get(i), marked.get(i), i, rows.size()));
        }
    }

    private Node column(NearDuplicateCluster cluster, DatasetRow row, List<WordDiff.Piece> pieces, int index, int of) {
        Label head = new Label("Row " + row.id() + " \u00b7 " + DatasetText.status(row.status()));
        head.getStyleClass().add(Styles.TEXT_BOLD);
        Label who = new Label(DatasetText.contributor(row.contributor()));
        who.getStyleClass().add(DatasetStyles.HINT);
        TextFlow flow = new TextFlow();
        for (WordDiff.Piece p : pieces) {
            if (p.differs()) {
                Label word = new Label(p.text());
                word.getStyleClass().add(DIFF_WORD);
                flow.getChildren().add(word);
            } else {
                Text t = new Text(p.text());
                t.getStyleClass().add("pii-plain");
                flow.getChildren().add(t);
            }
        }
        Button keep = new Button("Keep this one");
        keep.setId(KEEP_PREFIX + index);
        keep.getStyleClass().add(Styles.SMALL);
        keep.setOnAction(e -> curation.keepOne(cluster, row.id()));
        VBox box = new VBox(6, head, who, flow, keep);
        box.getStyleClass().add("cluster-row");
        // fixed shares of the row's width, so each text flow wraps at its column's width (not at 0 or one line)
        box.setMinWidth(0);
        box.prefWidthProperty().bind(columns.widthProperty().subtract(columns.getSpacing() * (of - 1)).divide(of));
        flow.prefWidthProperty().bind(box.prefWidthProperty().subtract(18));
        flow.maxWidthProperty().bind(flow.prefWidthProperty());
        return box;
    }

    /** The row as the check compared it, roughly: each message as "Role: content", then the raw text. */
    static String text(Conversation c) {
        StringBuilder b = new StringBuilder();
        for (Message m : c.messages()) {
            if (!m.content().isEmpty()) {
                b.append(DatasetText.role(m.role())).append(": ").append(m.content()).append('\n');
            }
        }
        if (c.text() != null) {
            b.append(c.text());
        }
        return b.toString().strip();
    }

    /** "12 rows · 3 contributors". */
    private static final class ClusterCell extends ListCell<NearDuplicateCluster> {
        @Override
        protected void updateItem(NearDuplicateCluster c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null : DatasetText.count(c.size(), "row") + " \u00b7 "
                    + DatasetText.count(c.contributors(), "contributor") + " \u00b7 from row " + c.clusterId());
        }
    }
}
