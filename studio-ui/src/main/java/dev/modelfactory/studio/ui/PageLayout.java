package dev.modelfactory.studio.ui;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The common shape of a page: a scrolling column with a header, then titled sections; panels of
 * name/value rows; an empty-state message. Pages compose these so they all look alike.
 */
public final class PageLayout {

    /** Content wider than this is not stretched further: long lines are hard to read. */
    public static final double MAX_CONTENT_WIDTH = 1040;

    private PageLayout() {
    }

    /** A page column (styled {@code .page}) holding the given blocks, inside an edge-to-edge scroll pane. */
    public static ScrollPane scrollingPage(Node... blocks) {
        VBox column = new VBox(blocks);
        column.getStyleClass().add(StudioStyles.PAGE);
        column.setMaxWidth(MAX_CONTENT_WIDTH);
        VBox holder = new VBox(column);
        ScrollPane scroll = new ScrollPane(holder);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, StudioStyles.PAGE_SCROLL);
        return scroll;
    }

    /** Page title with a one-line explanation under it; {@code trailing} nodes sit on the right. */
    public static Node header(String title, String subtitle, Node... trailing) {
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add(StudioStyles.PAGE_TITLE);
        Label subtitleLabel = new Label(subtitle);
        subtitleLabel.getStyleClass().add(StudioStyles.PAGE_SUBTITLE);
        subtitleLabel.setWrapText(true);
        VBox text = new VBox(titleLabel, subtitleLabel);
        text.getStyleClass().add(StudioStyles.PAGE_HEADER);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(16, text);
        row.getChildren().addAll(trailing);
        return row;
    }

    /** A titled section with an optional description (null for none). */
    public static VBox section(String title, String description, Node... content) {
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add(StudioStyles.SECTION_TITLE);
        VBox box = new VBox(titleLabel);
        if (description != null) {
            Label descriptionLabel = new Label(description);
            descriptionLabel.getStyleClass().add(StudioStyles.SECTION_DESCRIPTION);
            descriptionLabel.setWrapText(true);
            box.getChildren().add(descriptionLabel);
        }
        box.getChildren().addAll(content);
        box.getStyleClass().add(StudioStyles.SECTION);
        return box;
    }

    /** A bordered panel of rows (e.g. {@link #propertyRow}). */
    public static VBox panel(Node... rows) {
        VBox panel = new VBox(rows);
        panel.getStyleClass().add(StudioStyles.PANEL);
        markLast(panel);
        return panel;
    }

    /** A name/value row whose value can be selected and copied; {@code id} names the value node. */
    public static HBox propertyRow(String name, String value, String id, boolean monospace) {
        TextField field = new TextField(value);
        field.setEditable(false);
        field.setFocusTraversable(false);
        field.setId(id);
        field.getStyleClass().addAll(StudioStyles.COPYABLE, StudioStyles.PROPERTY_VALUE);
        if (monospace) {
            field.getStyleClass().add(StudioStyles.MONOSPACE);
        }
        HBox.setHgrow(field, Priority.ALWAYS);
        return row(name, field);
    }

    /** A row with a name on the left and any control on the right. */
    public static HBox row(String name, Node control) {
        Label nameLabel = new Label(name);
        nameLabel.getStyleClass().add(StudioStyles.PROPERTY_NAME);
        HBox row = new HBox(nameLabel, control);
        row.getStyleClass().add(StudioStyles.PROPERTY_ROW);
        return row;
    }

    /** A row with a name and hint on the left and a control pushed to the right. */
    public static HBox settingRow(String name, String hint, Node control) {
        Label nameLabel = new Label(name);
        nameLabel.getStyleClass().add(Styles.TEXT_BOLD);
        Label hintLabel = new Label(hint);
        hintLabel.getStyleClass().add(StudioStyles.PROPERTY_HINT);
        hintLabel.setWrapText(true);
        VBox text = new VBox(2, nameLabel, hintLabel);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(text, control);
        row.getStyleClass().add(StudioStyles.PROPERTY_ROW);
        return row;
    }

    /** A centred message for an empty list: what is missing and what will fill it. */
    public static VBox emptyState(Glyph glyph, String title, String text) {
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add(StudioStyles.EMPTY_TITLE);
        Label textLabel = new Label(text);
        textLabel.getStyleClass().add(StudioStyles.EMPTY_TEXT);
        textLabel.setWrapText(true);
        textLabel.setMaxWidth(520);
        VBox box = new VBox(glyph.node(28), titleLabel, textLabel);
        box.getStyleClass().add(StudioStyles.EMPTY_STATE);
        return box;
    }

    /**
     * Gives the last child the {@code last} style class (and takes it from the others): JavaFX CSS has no
     * {@code :last-child}, and rows draw a bottom divider that the panel's own border must replace.
     */
    public static void markLast(javafx.scene.layout.Pane container) {
        var children = container.getChildren();
        for (int i = 0; i < children.size(); i++) {
            var classes = children.get(i).getStyleClass();
            if (i == children.size() - 1) {
                if (!classes.contains(StudioStyles.LAST)) {
                    classes.add(StudioStyles.LAST);
                }
            } else {
                classes.remove(StudioStyles.LAST);
            }
        }
    }

    /** A region that takes all free horizontal space in an HBox. */
    public static Region hgap() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return gap;
    }
}
