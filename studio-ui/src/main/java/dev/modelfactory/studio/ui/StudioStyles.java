package dev.modelfactory.studio.ui;

/** Style classes of assets/styles/studio.css; code uses these constants, never string literals. */
public final class StudioStyles {

    /** Class-path location of the app stylesheet. */
    public static final String APP_STYLESHEET = "/assets/styles/studio.css";
    /** Class-path location of the ControlsFX-to-AtlantaFX colour bridge. */
    public static final String CONTROLSFX_BRIDGE = "/assets/styles/controlsfx-bridge.css";

    public static final String SHELL = "studio-shell";
    public static final String SIDEBAR = "sidebar";
    public static final String BRAND = "brand";
    public static final String BRAND_LOGO = "brand-logo";
    public static final String BRAND_NAME = "brand-name";
    public static final String BRAND_CAPTION = "brand-caption";
    public static final String NAV_CAPTION = "nav-caption";
    public static final String NAV_ITEM = "nav-item";
    public static final String NAV_SHORTCUT = "nav-shortcut";
    public static final String GLYPH = "glyph";

    public static final String STATUS_BAR = "status-bar";
    public static final String STATUS_ITEM = "status-item";
    public static final String TASK_INDICATOR = "task-indicator";

    public static final String PAGE = "page";
    public static final String PAGE_SCROLL = "page-scroll";
    public static final String PAGE_HEADER = "page-header";
    public static final String PAGE_TITLE = "page-title";
    public static final String PAGE_SUBTITLE = "page-subtitle";
    public static final String SECTION = "page-section";
    public static final String SECTION_TITLE = "section-title";
    public static final String SECTION_DESCRIPTION = "section-description";
    public static final String PANEL = "panel";
    public static final String PROPERTY_ROW = "property-row";
    public static final String PROPERTY_NAME = "property-name";
    public static final String PROPERTY_VALUE = "property-value";
    public static final String PROPERTY_HINT = "property-hint";
    public static final String LAST = "last";
    public static final String MONOSPACE = "monospace";
    public static final String COPYABLE = "copyable";

    public static final String HERO = "hero";
    public static final String HERO_TITLE = "hero-title";
    public static final String VERSION_BADGE = "version-badge";
    public static final String JOB_CARD = "job-card";
    public static final String JOB_ICON = "job-icon";
    public static final String JOB_TITLE = "job-title";
    public static final String JOB_TEXT = "job-text";

    public static final String TASK_LIST = "task-list";
    public static final String TASK_ROW = "task-row";
    public static final String TASK_TITLE = "task-title";
    public static final String TASK_MESSAGE = "task-message";
    public static final String TASK_STATE = "task-state";

    public static final String EMPTY_STATE = "empty-state";
    public static final String EMPTY_TITLE = "empty-title";
    public static final String EMPTY_TEXT = "empty-text";

    private StudioStyles() {
    }
}
