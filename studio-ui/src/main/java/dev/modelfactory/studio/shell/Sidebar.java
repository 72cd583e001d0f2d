package dev.modelfactory.studio.shell;

import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The left column: the studio's name, then one entry per page (Settings pinned at the bottom). */
final class Sidebar extends VBox {

    /** Node id of a page's sidebar entry: {@code nav-<page id>}. */
    static String navId(Page page) {
        return "nav-" + page.id();
    }

    private final ToggleGroup group = new ToggleGroup();
    private final Map<Page, ToggleButton> items = new HashMap<>();

    Sidebar(List<Page> mainPages, Page settings, List<String> shortcuts, String settingsShortcut,
            Consumer<Page> onSelect) {
        getStyleClass().add(StudioStyles.SIDEBAR);
        getChildren().add(brand());
        getChildren().add(caption("PAGES"));
        for (int i = 0; i < mainPages.size(); i++) {
            getChildren().add(item(mainPages.get(i), shortcuts.get(i), onSelect));
        }
        Region gap = new Region();
        VBox.setVgrow(gap, Priority.ALWAYS);
        getChildren().addAll(gap, item(settings, settingsShortcut, onSelect));
    }

    /** Marks the page's entry selected (without firing navigation). */
    void select(Page page) {
        ToggleButton item = items.get(page);
        if (item != null) {
            item.setSelected(true);
        }
    }

    private static Node brand() {
        StackPane logo = new StackPane(Glyph.LOGO.node(20));
        logo.getStyleClass().add(StudioStyles.BRAND_LOGO);
        Label name = new Label("ModelFactory");
        name.getStyleClass().add(StudioStyles.BRAND_NAME);
        Label caption = new Label("Studio");
        caption.getStyleClass().add(StudioStyles.BRAND_CAPTION);
        HBox brand = new HBox(logo, new VBox(1, name, caption));
        brand.setAlignment(Pos.CENTER_LEFT);
        brand.getStyleClass().add(StudioStyles.BRAND);
        return brand;
    }

    private static Node caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(StudioStyles.NAV_CAPTION);
        return label;
    }

    private ToggleButton item(Page page, String shortcut, Consumer<Page> onSelect) {
        Label title = new Label(page.title());
        Label hint = new Label(shortcut == null ? "" : shortcut);
        hint.getStyleClass().add(StudioStyles.NAV_SHORTCUT);
        HBox body = new HBox(10, page.icon(), title, PageLayout.hgap(), hint);
        body.setAlignment(Pos.CENTER_LEFT);

        ToggleButton item = new ToggleButton(page.title(), body);
        item.setId(navId(page));
        item.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        item.getStyleClass().setAll(StudioStyles.NAV_ITEM);
        item.setMaxWidth(Double.MAX_VALUE);
        item.setToggleGroup(group);
        item.setFocusTraversable(false);
        item.setOnAction(event -> {
            item.setSelected(true); // clicking the current page keeps it selected
            onSelect.accept(page);
        });
        items.put(page, item);
        return item;
    }
}
