package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.check.PiiKind;
import dev.modelfactory.ledger.store.dataset.PiiSpan;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A field's text with the PII spans of the last check marked: plain runs as text, each span as a
 * highlighted piece (style class {@link #SPAN}, the kind as its tooltip). Spans that overlap an earlier one
 * are merged into it; spans past the text's end are clipped (the text may have been edited since the check).
 */
final class PiiText {

    static final String SPAN = "pii-span";

    /** A run of the text; {@code kind} null for plain text. */
    record Segment(String text, PiiKind kind) {
    }

    private PiiText() {
    }

    /** The text cut into plain and PII runs, in order; the runs join to the text. */
    static List<Segment> segments(String text, List<PiiSpan> spans) {
        List<PiiSpan> sorted = spans.stream().sorted(java.util.Comparator.comparingInt(PiiSpan::start)).toList();
        List<Segment> out = new ArrayList<>();
        int at = 0;
        for (PiiSpan s : sorted) {
            int start = Math.clamp(s.start(), at, text.length());
            int end = Math.clamp(s.end(), start, text.length());
            if (end <= at) {
                continue; // inside a span already marked
            }
            if (start > at) {
                out.add(new Segment(text.substring(at, start), null));
            }
            out.add(new Segment(text.substring(start, end), s.kind()));
            at = end;
        }
        if (at < text.length()) {
            out.add(new Segment(text.substring(at), null));
        }
        return out;
    }

    /** The text as a flow with the spans highlighted. */
    static Node flow(String text, List<PiiSpan> spans) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(DatasetStyles.BUBBLE_TEXT);
        for (Segment s : segments(text, spans)) {
            if (s.kind() == null) {
                Text plain = new Text(s.text());
                plain.getStyleClass().add("pii-plain");
                flow.getChildren().add(plain);
            } else {
                Label mark = new Label(s.text());
                mark.getStyleClass().add(SPAN);
                mark.setTooltip(new Tooltip("PII: " + DatasetText.capital(s.kind().name())));
                flow.getChildren().add(mark);
            }
        }
        return flow;
    }
}
