package dev.modelfactory.studio.models;

import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** What the page says when a scan found nothing: which folders were searched and how to add a model. */
final class EmptyModels {

    static final String TEXT_ID = "models-empty-text";
    static final String COMMAND = "./modelfactory model import PATH";

    private final ModelsViewModel model;
    private final StackPane holder = new StackPane();

    EmptyModels(ModelsViewModel model) {
        this.model = model;
        model.folders().addListener((ListChangeListener<ModelFolder>) change -> rebuild());
        rebuild();
    }

    Node node() {
        return holder;
    }

    /** "Searched Ollama (/home/ada/.ollama/models, missing), …" with the advice that follows. */
    static String message(List<ModelFolder> folders) {
        String searched = folders.isEmpty() ? "No folders were searched."
                : "Searched " + folders.stream()
                        .map(f -> f.kind().label() + " (" + f.path() + (f.exists() ? "" : ", missing") + ")")
                        .collect(Collectors.joining(", ")) + ".";
        return searched + " Add a folder that holds .gguf files or Hugging Face model folders, import a "
                + "model with Import\u2026, or run this in a terminal:";
    }

    private void rebuild() {
        VBox empty = PageLayout.emptyState(Glyph.MODEL, "No models found", message(model.folders()));
        empty.getChildren().get(2).setId(TEXT_ID);
        ((Label) empty.getChildren().get(2)).setMaxWidth(640);
        TextField command = new TextField(COMMAND);
        command.setEditable(false);
        command.setFocusTraversable(false);
        command.getStyleClass().addAll(StudioStyles.COPYABLE, ModelStyles.COMMAND);
        empty.getChildren().add(command);
        empty.getStyleClass().add(StudioStyles.PANEL);
        holder.getChildren().setAll(empty);
    }
}
