package dev.modelfactory.studio.pages;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.prefs.ThemeManager;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;

/** Appearance (theme, applied live and remembered), the files the studio uses, and version facts. */
public final class SettingsPage implements Page {

    public static final String ID = "settings";
    /** Theme buttons have ids {@code theme-light}, {@code theme-dark}, {@code theme-system}. */
    public static final String THEME_ID_PREFIX = "theme-";
    public static final String WORKSPACE_FOLDER_ID = "settings-workspace-folder";
    public static final String PREFERENCES_FILE_ID = "settings-preferences-file";

    private final StudioContext context;
    private final ThemeManager themes;
    private final Node view;

    public SettingsPage(StudioContext context, ThemeManager themes) {
        this.context = context;
        this.themes = themes;
        this.view = PageLayout.scrollingPage(
                PageLayout.header("Settings", "How the studio looks and where it keeps its files."),
                appearanceSection(),
                filesSection(),
                aboutSection());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Settings";
    }

    @Override
    public Node icon() {
        return Glyph.SETTINGS.node(16);
    }

    @Override
    public Node view() {
        return view;
    }

    /** The theme button's id for a choice. */
    public static String themeButtonId(ThemeChoice choice) {
        return THEME_ID_PREFIX + choice.name().toLowerCase(Locale.ROOT);
    }

    private Node appearanceSection() {
        return PageLayout.section("Appearance", null, PageLayout.panel(
                PageLayout.settingRow("Theme",
                        "Light, dark, or follow the operating system. Applies at once and is remembered.",
                        themeSelector())));
    }

    private Node themeSelector() {
        ToggleGroup group = new ToggleGroup();
        HBox buttons = new HBox();
        ThemeChoice[] choices = ThemeChoice.values();
        for (int i = 0; i < choices.length; i++) {
            ThemeChoice choice = choices[i];
            ToggleButton button = new ToggleButton(choice.label());
            button.setId(themeButtonId(choice));
            button.setUserData(choice);
            button.setToggleGroup(group);
            button.getStyleClass().add(i == 0 ? Styles.LEFT_PILL
                    : i == choices.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            button.setSelected(choice == themes.getChoice());
            buttons.getChildren().add(button);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // a theme is always chosen: clicking the active one keeps it
            } else {
                themes.setChoice((ThemeChoice) now.getUserData());
            }
        });
        themes.choiceProperty().addListener((obs, old, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(t -> t.setSelected(true)));
        return buttons;
    }

    private Node filesSection() {
        return PageLayout.section("Files", null, PageLayout.panel(
                PageLayout.propertyRow("Workspace folder", context.workspaceFolder(), WORKSPACE_FOLDER_ID, true),
                PageLayout.propertyRow("UI preferences", context.preferencesFile().toAbsolutePath().toString(),
                        PREFERENCES_FILE_ID, true)));
    }

    private Node aboutSection() {
        return PageLayout.section("About", null, PageLayout.panel(
                PageLayout.propertyRow("Studio version", context.appVersion(), "settings-app-version", false),
                PageLayout.propertyRow("Workspace schema", context.schemaVersion(), "settings-schema-version", false),
                PageLayout.propertyRow("Java runtime", System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"), "settings-java", false),
                PageLayout.propertyRow("JavaFX", System.getProperty("javafx.runtime.version", "unknown"),
                        "settings-javafx", false)));
    }
}
