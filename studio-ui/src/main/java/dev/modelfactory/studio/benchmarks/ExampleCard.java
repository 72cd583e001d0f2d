package dev.modelfactory.studio.benchmarks;

import dev.modelfactory.studio.OpenPageEvent;
import dev.modelfactory.studio.provenance.OutputChoice;
import dev.modelfactory.studio.provenance.ProvenancePage;
import atlantafx.base.theme.Styles;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.studio.benchmarks.report.Example;
import dev.modelfactory.studio.benchmarks.report.Markup;
import dev.modelfactory.studio.benchmarks.report.TokenDiff;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One example: task, item id and tags; the prompt and the reference; then each system's output with the
 * tokens not in the reference highlighted (underlined on a tinted background, so it does not rest on
 * colour alone), its scores, and "Similar training rows" for that system's training data.
 */
final class ExampleCard extends VBox {

    static final String DIFF_CLASS = "bench-diff";
    static final String SIMILAR_CLASS = "bench-similar";
    static final String ATTRIBUTE_CLASS = "bench-attribute";

    ExampleCard(Example example, BiConsumer<Example, String> similar) {
        super(6);
        getStyleClass().add("bench-example");
        setPadding(new Insets(8, 10, 10, 10));
        setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-background-radius: 6;");
        String tags = example.item().tags().isEmpty() ? "" : "  \u00b7  " + String.join(", ", example.item().tags());
        Label title = new Label(example.task() + " \u00b7 " + example.item().id() + tags);
        title.getStyleClass().add(Styles.TEXT_BOLD);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints names = new ColumnConstraints(110);
        ColumnConstraints texts = new ColumnConstraints();
        texts.setHgrow(Priority.ALWAYS);
        texts.setMinWidth(200);
        grid.getColumnConstraints().addAll(names, texts, new ColumnConstraints());
        int row = 0;
        grid.addRow(row++, name("Prompt"), plain(example.promptText()));
        grid.addRow(row++, name("Reference"), plain(example.item().reference()));
        if (!example.choicesText().isEmpty()) {
            grid.addRow(row++, name("Choices"), plain(example.choicesText()));
        }
        for (Map.Entry<String, ItemOutcome> e : example.outcomes().entrySet()) {
            ItemOutcome o = e.getValue();
            Label scores = new Label(o.scores().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(s -> s.getKey().id() + " " + Markup.score(s.getValue())).collect(Collectors.joining("\n")));
            scores.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            Button near = new Button("Similar training rows");
            near.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, SIMILAR_CLASS);
            near.setUserData(e.getKey());
            near.setOnAction(a -> similar.accept(example, e.getKey()));
            Button attribute = new Button("Attribute this output");
            attribute.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, ATTRIBUTE_CLASS);
            attribute.setOnAction(a -> attribute.fireEvent(new OpenPageEvent(ProvenancePage.ID, new OutputChoice(
                    OutputChoice.BENCHMARK, example.item().id() + " \u00b7 " + e.getKey(), example.promptText(), o.output(),
                    e.getKey()))));
            grid.addRow(row++, name(e.getKey()), diff(o.output(), example.item().reference()),
                    new VBox(2, scores, near, attribute));
        }
        getChildren().addAll(title, grid);
    }

    private static Label name(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }

    private static TextFlow plain(String text) {
        Text t = new Text(text);
        t.getStyleClass().addAll("text", StudioStyles.MONOSPACE);
        return new TextFlow(t);
    }

    /** The output, tokens outside the LCS with the reference marked. */
    static TextFlow diff(String output, String reference) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("bench-output");
        if (output.isEmpty()) {
            Text none = new Text("(no output)");
            none.getStyleClass().add("text");
            none.setOpacity(0.6);
            flow.getChildren().add(none);
            return flow;
        }
        for (TokenDiff.Span span : TokenDiff.diff(output, reference)) {
            Text t = new Text(span.text());
            t.getStyleClass().addAll("text", StudioStyles.MONOSPACE);
            if (!span.same()) {
                t.getStyleClass().add(DIFF_CLASS);
                t.setUnderline(true);
                t.setStyle("-fx-fill: -color-danger-fg;");
            }
            flow.getChildren().add(t);
        }
        return flow;
    }
}
