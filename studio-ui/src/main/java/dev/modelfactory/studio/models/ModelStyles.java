package dev.modelfactory.studio.models;

/** Style classes of assets/styles/models.css, the Models page's own stylesheet. */
public final class ModelStyles {

    /** Class-path location of the page stylesheet (added to the page, on top of the app stylesheet). */
    public static final String STYLESHEET = "/assets/styles/models.css";

    public static final String PAGE = "models-page";
    public static final String TOOLBAR = "models-toolbar";
    public static final String BUSY = "models-busy";
    public static final String STATS = "model-stats";
    public static final String STAT = "model-stat";
    public static final String STAT_VALUE = "model-stat-value";
    public static final String STAT_CAPTION = "model-stat-caption";
    public static final String FOLDER_ROW = "folder-row";
    public static final String FOLDER_KIND = "folder-kind";
    public static final String FOLDER_PATH = "folder-path";
    public static final String BADGE = "model-badge";
    public static final String BADGE_GOOD = "good";
    public static final String BADGE_MISSING = "missing";
    public static final String BADGE_MUTED = "muted";
    public static final String TABLE = "model-table";
    public static final String NUMBER_CELL = "number-cell";
    public static final String PROBLEM = "model-problem";
    public static final String PROBLEM_ROW = "problem";
    public static final String IMPORTED_CELL = "imported-cell";
    public static final String DETAILS = "model-details";
    public static final String DETAILS_HINT = "details-hint";
    public static final String ACTIONS = "model-actions";
    public static final String COMMAND = "model-command";
    public static final String FILTER = "model-filter";
    public static final String FILTER_COUNT = "model-filter-count";

    private ModelStyles() {
    }
}
