package dev.modelfactory.studio.datasets;

/** Style classes of assets/styles/datasets.css, the Datasets page's own stylesheet. */
public final class DatasetStyles {

    /** Class-path location of the page stylesheet (added to the page, on top of the app stylesheet). */
    public static final String STYLESHEET = "/assets/styles/datasets.css";

    public static final String PAGE = "datasets-page";
    public static final String TOOLBAR = "datasets-toolbar";
    public static final String BUSY = "datasets-busy";
    public static final String LIST = "dataset-list";
    public static final String WORKBENCH = "dataset-workbench";
    public static final String FILTERS = "row-filters";
    public static final String BULK = "row-bulk";
    public static final String COUNT = "row-count";
    public static final String TABLE = "row-table";
    public static final String NUMBER_CELL = "number-cell";
    public static final String MONO_CELL = "mono-cell";
    public static final String LOADING = "loading";
    public static final String STATUS_PREFIX = "status-";
    public static final String DETAIL = "row-detail";
    public static final String DETAIL_HINT = "detail-hint";
    public static final String BUBBLES = "bubbles";
    public static final String BUBBLE = "bubble";
    public static final String BUBBLE_ROLE = "bubble-role";
    public static final String BUBBLE_TEXT = "bubble-text";
    public static final String BUBBLE_CODE = "bubble-code";
    public static final String META = "row-meta";
    public static final String META_NAME = "meta-name";
    public static final String META_VALUE = "meta-value";
    public static final String CARD = "dataset-card";
    public static final String CARD_ROW = "card-row";
    public static final String HINT = "dataset-hint";
    public static final String PROBLEM = "dataset-problem";
    public static final String FIGURE = "dataset-figure";
    public static final String FIGURE_VALUE = "figure-value";
    public static final String FIGURE_CAPTION = "figure-caption";
    public static final String CHART = "dataset-chart";
    public static final String SMALL_TABLE = "small-table";

    private DatasetStyles() {
    }
}
