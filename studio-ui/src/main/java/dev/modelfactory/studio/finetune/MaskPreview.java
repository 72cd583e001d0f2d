package dev.modelfactory.studio.finetune;

import dev.modelfactory.studio.training.ExamplePreview;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One training example as rendered by the chat template: text masked from the loss (system, prompt,
 * template markup) in grey, the response tokens the loss is taken on in bold green.
 */
final class MaskPreview extends TextFlow {

    static final Color TRAINED = Color.web("#2e9e5b");
    static final Color MASKED = Color.gray(0.55);

    MaskPreview() {
        setId("finetune-preview");
        setLineSpacing(2);
        setMaxWidth(980);
    }

    void show(ExamplePreview preview) {
        getChildren().clear();
        for (ExamplePreview.Piece p : preview.pieces()) {
            Text t = new Text(p.text());
            t.setFont(Font.font("monospace", p.trained() ? FontWeight.BOLD : FontWeight.NORMAL, 12.5));
            t.setFill(p.trained() ? TRAINED : MASKED);
            t.getStyleClass().add(p.trained() ? "preview-trained" : "preview-masked");
            getChildren().add(t);
        }
    }

    void message(String text) {
        getChildren().setAll(new Text(text));
        ((Text) getChildren().getFirst()).setFill(MASKED);
    }
}
