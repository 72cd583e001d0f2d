package dev.modelfactory.studio.playground;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Under a pane's transcript when its answer was grounded: the answer with each [n] marker as a link to its
 * source, then the numbered sources (row text, contributor, score, whether the answer cited it). Clicking a
 * marker highlights the sources it cites. Hidden (and not laid out) while there is nothing to show.
 */
public final class CitationsView extends VBox {

    private static final int SNIPPET = 160;

    private final Label title = new Label("Sources");
    private final TextFlow answer = new TextFlow();
    private final VBox rows = new VBox(4);
    private final List<HBox> rowNodes = new ArrayList<>();
    private GroundedAnswer shown;

    public CitationsView() {
        getStylesheets().add(GroundingStyles.stylesheet());
        getStyleClass().add(GroundingStyles.CITATIONS);
        title.getStyleClass().add(GroundingStyles.TITLE);
        answer.getStyleClass().add(GroundingStyles.ANSWER);
        getChildren().addAll(title, answer, rows);
        show(null);
    }

    /** Shows {@code grounded} (null: hides the view). */
    public void show(GroundedAnswer grounded) {
        shown = grounded;
        setVisible(grounded != null);
        setManaged(grounded != null);
        answer.getChildren().clear();
        rows.getChildren().clear();
        rowNodes.clear();
        if (grounded == null) {
            return;
        }
        title.setText(String.format(Locale.ROOT, "Sources · %d retrieved, %d cited", grounded.sources().size(),
                grounded.cited().size()));
        answer.getChildren().setAll(answerNodes(grounded));
        for (GroundingSource s : grounded.sources()) {
            HBox row = row(s, grounded.isCited(s));
            rowNodes.add(row);
            rows.getChildren().add(row);
        }
    }

    /** What is shown, or null. */
    public GroundedAnswer shown() {
        return shown;
    }

    /** Highlights the sources {@code numbers} (as a click on a marker citing them does). */
    public void focus(List<Integer> numbers) {
        for (int i = 0; i < rowNodes.size(); i++) {
            HBox row = rowNodes.get(i);
            row.getStyleClass().remove(GroundingStyles.FOCUSED);
            if (numbers.contains(i + 1)) {
                row.getStyleClass().add(GroundingStyles.FOCUSED);
            }
        }
    }

    private List<Node> answerNodes(GroundedAnswer g) {
        List<Node> out = new ArrayList<>();
        String text = g.answer();
        int at = 0;
        for (CitationMarkers.Marker m : CitationMarkers.find(text, g.sources().size())) {
            if (m.start() > at) {
                out.add(new Text(text.substring(at, m.start())));
            }
            Hyperlink link = new Hyperlink(text.substring(m.start(), m.end()));
            link.getStyleClass().add(GroundingStyles.MARKER);
            link.setOnAction(e -> focus(m.numbers()));
            out.add(link);
            at = m.end();
        }
        if (at < text.length()) {
            out.add(new Text(text.substring(at)));
        }
        return out;
    }

    private static HBox row(GroundingSource s, boolean cited) {
        Label number = new Label("[" + s.number() + "]");
        number.getStyleClass().add(GroundingStyles.NUMBER);
        Label snippet = new Label(s.snippet(SNIPPET));
        snippet.getStyleClass().add(GroundingStyles.SNIPPET);
        snippet.setWrapText(true);
        String who = s.contributor().isBlank() ? "no contributor named" : s.contributor();
        Label meta = new Label(String.format(Locale.ROOT, "%s · score %.2f · %s", who, s.score(),
                cited ? "cited" : "not cited"));
        meta.getStyleClass().add(GroundingStyles.META);
        VBox body = new VBox(2, snippet, meta);
        HBox.setHgrow(body, Priority.ALWAYS);
        HBox row = new HBox(number, body);
        row.getStyleClass().addAll(GroundingStyles.ROW, cited ? GroundingStyles.CITED : GroundingStyles.UNCITED);
        return row;
    }
}
