package dev.modelfactory.studio.models;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.ui.StudioStyles;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The searched folders as a panel: kind, path, how many models it holds or that it is missing, and Remove for
 * the user's own folders. Listed as soon as the catalog names the folders (before the first scan: found or
 * missing); rebuilt whenever the folders or the models change and when a scan finishes.
 */
final class FolderList {

    static final String ID = "models-folders";
    /** Remove buttons have ids {@code models-folder-remove-<index>}; rows carry the folder as user data. */
    static final String REMOVE_ID_PREFIX = "models-folder-remove-";

    private final ModelsViewModel model;
    private final VBox panel = PageLayout.panel();

    FolderList(ModelsViewModel model) {
        this.model = model;
        panel.setId(ID);
        ListChangeListener<Object> refresh = change -> rebuild();
        model.folders().addListener(refresh);
        model.models().addListener(refresh);
        InvalidationListener changed = observable -> rebuild();
        model.foldersKnownProperty().addListener(changed);
        model.loadedProperty().addListener(changed);
        rebuild();
    }

    Node node() {
        return panel;
    }

    private void rebuild() {
        panel.getChildren().clear();
        if (model.folders().isEmpty()) {
            Label none = new Label(model.foldersKnownProperty().get()
                    ? "No folders to search: add a folder that holds models."
                    : "Reading the folders\u2026");
            none.getStyleClass().add(ModelStyles.DETAILS_HINT);
            HBox row = new HBox(none);
            row.getStyleClass().add(ModelStyles.FOLDER_ROW);
            panel.getChildren().add(row);
        }
        for (int i = 0; i < model.folders().size(); i++) {
            panel.getChildren().add(row(model.folders().get(i), i));
        }
        PageLayout.markLast(panel);
    }

    private Node row(ModelFolder folder, int index) {
        Label kind = new Label(folder.kind().label(), Glyph.FOLDER.node(14));
        kind.getStyleClass().add(ModelStyles.FOLDER_KIND);
        kind.setGraphicTextGap(8);
        TextField path = new TextField(folder.path().toString());
        path.setEditable(false);
        path.setFocusTraversable(false);
        path.getStyleClass().addAll(StudioStyles.COPYABLE, ModelStyles.FOLDER_PATH);
        HBox.setHgrow(path, Priority.ALWAYS);
        HBox row = new HBox(kind, path, status(folder));
        if (folder.removable()) {
            row.getChildren().add(removeButton(folder, index));
        }
        row.getStyleClass().add(ModelStyles.FOLDER_ROW);
        row.setUserData(folder);
        return row;
    }

    private Node status(ModelFolder folder) {
        Label badge = new Label();
        badge.getStyleClass().add(ModelStyles.BADGE);
        if (!folder.exists()) {
            badge.setText("Missing");
            badge.getStyleClass().add(ModelStyles.BADGE_MISSING);
            badge.setTooltip(new Tooltip("The folder is not there: nothing to search."));
        } else if (!model.loadedProperty().get()) {
            badge.setText("Found");
            badge.getStyleClass().add(ModelStyles.BADGE_MUTED);
            badge.setTooltip(new Tooltip("The folder is there; its models are counted when the scan finishes."));
        } else {
            int count = model.countIn(folder);
            badge.setText(count == 0 ? "No models" : ModelText.count(count, "model"));
            badge.getStyleClass().add(count == 0 ? ModelStyles.BADGE_MUTED : ModelStyles.BADGE_GOOD);
        }
        badge.setMinWidth(Label.USE_PREF_SIZE);
        return badge;
    }

    private Node removeButton(ModelFolder folder, int index) {
        Button remove = new Button(null, Glyph.CLOSE.node(14));
        remove.setId(REMOVE_ID_PREFIX + index);
        remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        remove.setTooltip(new Tooltip("Stop searching this folder (its files stay where they are)"));
        remove.disableProperty().bind(model.busyProperty());
        remove.setOnAction(event -> model.removeFolder(folder));
        return remove;
    }
}
