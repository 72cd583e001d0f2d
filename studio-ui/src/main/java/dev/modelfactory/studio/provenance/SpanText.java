package dev.modelfactory.studio.provenance;

import dev.modelfactory.studio.ui.StudioStyles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The output text with its spans found in training rows highlighted (accent colour, bold and underlined, so
 * it does not rest on colour alone). Hovering a span shows its length, count and contributors; clicking it
 * lists its rows below the text. Overlapping spans are drawn from the earlier one's end on.
 */
final class SpanText extends VBox {

    /** Suffixed with the span's index in {@link ProvenanceView#spans()}. */
    static final String SPAN_ID = "provenance-span-";
    static final String SPAN_CLASS = "provenance-span";
    static final String DETAILS_ID = "provenance-span-details";

    private final TextFlow flow = new TextFlow();
    private final Label details = new Label();

    SpanText() {
        super(8);
        setId(ProvenancePage.SPANS_ID);
        flow.setLineSpacing(3);
        details.setId(DETAILS_ID);
        details.setWrapText(true);
        details.getStyleClass().add(StudioStyles.MONOSPACE);
        details.managedProperty().bind(details.textProperty().isNotEmpty());
        details.visibleProperty().bind(details.managedProperty());
        getChildren().addAll(flow, details);
        show("", List.of());
    }

    void show(String output, List<OutputSpan> spans) {
        flow.getChildren().clear();
        details.setText("");
        if (output.isEmpty()) {
            flow.getChildren().add(plain("(no output attributed yet)"));
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> spans.get(i).start()).thenComparingInt(i -> -spans.get(i).end()));
        int at = 0;
        for (int i : order) {
            OutputSpan s = spans.get(i);
            if (s.end() <= at) {
                continue; // inside a span already drawn: still listed through its tooltip-less rows below
            }
            int from = Math.max(at, s.start());
            if (from > at) {
                flow.getChildren().add(plain(output.substring(at, from)));
            }
            flow.getChildren().add(highlight(i, s, output.substring(from, s.end()), output));
            at = s.end();
        }
        if (at < output.length()) {
            flow.getChildren().add(plain(output.substring(at)));
        }
    }

    private Text highlight(int index, OutputSpan s, String shown, String output) {
        Text t = new Text(shown);
        t.setId(SPAN_ID + index);
        t.getStyleClass().addAll("text", StudioStyles.MONOSPACE, SPAN_CLASS);
        t.setStyle("-fx-fill: -color-accent-fg; -fx-font-weight: bold;");
        t.setUnderline(true);
        t.setUserData(s);
        t.setCursor(Cursor.HAND);
        Tooltip.install(t, new Tooltip(summary(s, output)));
        t.setOnMouseClicked(e -> details.setText(describe(s, output)));
        return t;
    }

    /** One line: the span, its length and count, and its contributors. */
    static String summary(OutputSpan s, String output) {
        Set<String> who = new LinkedHashSet<>();
        s.rows().forEach(r -> who.add(r.contributor()));
        return "\u201c" + output.substring(s.start(), s.end()) + "\u201d \u00b7 " + s.tokens() + " tokens \u00b7 occurs "
                + s.count() + (s.count() == 1 ? " time" : " times") + (who.isEmpty() ? "" : " \u00b7 " + String.join(", ", who));
    }

    /** The summary and one line per row holding the span. */
    static String describe(OutputSpan s, String output) {
        return summary(s, output) + "\n" + s.rows().stream().map(r -> "  row " + r.rowId() + " \u00b7 " + r.contributor()
                + " \u00b7 " + EvidenceList.oneLine(r.snippet())).collect(Collectors.joining("\n"));
    }

    private static Text plain(String text) {
        Text t = new Text(text);
        t.getStyleClass().addAll("text", StudioStyles.MONOSPACE);
        return t;
    }
}
