package dev.modelfactory.studio.datasets;

import atlantafx.base.theme.Styles;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The domain expert's page: the datasets, an import flow, the rows of the chosen dataset (paged from the
 * store, filtered, sorted, accepted or rejected in bulk) beside the chosen row as a conversation, then
 * splits and versions, duplicates, permissions and charts. Every catalog call runs in the background.
 */
public final class DatasetsPage implements Page {

    public static final String ID = "datasets";
    public static final String IMPORT_MENU_ID = "datasets-import";
    public static final String NEW_ID = "datasets-new";
    public static final String SEARCH_ID = "datasets-search";
    public static final String STATUS_FILTER_ID = "datasets-status-filter";
    public static final String SPLIT_FILTER_ID = "datasets-split-filter";
    public static final String CONTRIBUTOR_FILTER_ID = "datasets-contributor-filter";
    public static final String TAG_FILTER_ID = "datasets-tag-filter";
    public static final String DUPLICATES_FILTER_ID = "datasets-duplicates-filter";
    public static final String COUNT_ID = "datasets-row-count";
    public static final String ACCEPT_ID = "datasets-accept";
    public static final String REJECT_ID = "datasets-reject";
    public static final String PENDING_ID = "datasets-pending";
    public static final String DELETE_ID = "datasets-delete";
    public static final String MIN_TOKENS_ID = "datasets-min-tokens";
    public static final String MAX_TOKENS_ID = "datasets-max-tokens";
    /** Widest the page column grows (the rows table wants the room). */
    public static final double MAX_CONTENT_WIDTH = 1400;

    private final DatasetsViewModel model;
    private final DatasetChooser chooser;
    private final ExecutorService rowFetcher;
    private final ScrollPane view;
    private TableView<RowRef> table;

    public DatasetsPage(StudioServices services, DatasetCatalog catalog, DatasetChooser chooser) {
        // one thread fetches row pages (PagedRows takes the newest request first); it ends when idle
        ThreadPoolExecutor fetcher = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "dataset-rows");
                    thread.setDaemon(true);
                    return thread;
                });
        fetcher.allowCoreThreadTimeOut(true);
        this.rowFetcher = fetcher;
        this.model = new DatasetsViewModel(catalog, services.executor(), rowFetcher, Platform::runLater,
                services.errors()::report);
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        this.view = PageLayout.scrollingPage(
                header(),
                new ImportPane(model.importer(), model.datasets()).node(),
                workbench(),
                new VersionsPane(model.versions(), chooser).node(),
                new InsightsPane(model).node());
        view.getStyleClass().add(DatasetStyles.PAGE);
        if (view.getContent() instanceof VBox holder && holder.getChildren().getFirst() instanceof Region column) {
            column.setMaxWidth(MAX_CONTENT_WIDTH);
        }
        view.getStylesheets().add(Objects.requireNonNull(
                DatasetsPage.class.getResource(DatasetStyles.STYLESHEET), DatasetStyles.STYLESHEET).toExternalForm());
    }

    /** For {@code StudioContext.Builder.addPage}: the page over the app's catalog, with the system choosers. */
    public static PageFactory factory(DatasetCatalog catalog) {
        return factory(catalog, DatasetChooser.system());
    }

    public static PageFactory factory(DatasetCatalog catalog, DatasetChooser chooser) {
        Objects.requireNonNull(catalog, "catalog");
        return services -> new DatasetsPage(services, catalog, chooser);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Datasets";
    }

    @Override
    public Node icon() {
        return Glyph.DATABASE.node(16);
    }

    @Override
    public Node view() {
        return view;
    }

    /** Lists the datasets on every visit (cheap); the chosen dataset's rows reload only when it changed. */
    @Override
    public void onShow() {
        model.refreshDatasets();
    }

    /** The page's state, for the app and tests. */
    public DatasetsViewModel viewModel() {
        return model;
    }

    private Node header() {
        return PageLayout.header("Datasets",
                "Training data, made good: import, curate, split and freeze versions. Every row keeps who "
                        + "contributed it and on what terms.",
                toolbar());
    }

    private Node toolbar() {
        ProgressIndicator spinner = new ProgressIndicator(ProgressIndicator.INDETERMINATE_PROGRESS);
        Label activity = new Label();
        activity.textProperty().bind(model.activityProperty());
        HBox busy = new HBox(8, spinner, activity);
        busy.getStyleClass().add(DatasetStyles.BUSY);
        busy.visibleProperty().bind(model.busyProperty());
        Button create = new Button("New dataset\u2026", Glyph.FOLDER_ADD.node(14));
        create.setId(NEW_ID);
        create.setOnAction(e -> askName().ifPresent(model::createDataset));
        MenuButton importMenu = new MenuButton("Import\u2026", Glyph.IMPORT.node(14));
        importMenu.setId(IMPORT_MENU_ID);
        importMenu.getStyleClass().add(Styles.ACCENT);
        MenuItem file = new MenuItem("File: JSON, JSONL, CSV, TSV, .txt, .md\u2026");
        file.setOnAction(e -> chooser.chooseFile(window()).ifPresent(this::startImport));
        MenuItem folder = new MenuItem("Folder of .txt / .md files\u2026");
        folder.setOnAction(e -> chooser.chooseFolder(window()).ifPresent(this::startImport));
        importMenu.getItems().addAll(file, folder);
        HBox toolbar = new HBox(8, busy, create, importMenu);
        toolbar.getStyleClass().add(DatasetStyles.TOOLBAR);
        toolbar.setMinWidth(HBox.USE_PREF_SIZE);
        return toolbar;
    }

    private void startImport(java.nio.file.Path source) {
        ImportViewModel importer = model.importer();
        importer.reset();
        importer.choose(source); // into a new dataset named after the file unless another name is chosen
    }

    private java.util.Optional<String> askName() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(window());
        dialog.setTitle("New dataset");
        dialog.setHeaderText("Name the new dataset");
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The dataset list; under it filters, bulk actions, the rows and, beside them, the chosen row. */
    private Node workbench() {
        Node list = new DatasetList(model).node();
        table = RowTable.create(model);
        HBox.setHgrow(table, Priority.ALWAYS);
        Node detail = new ConversationView(model.detailProperty(), model::editRow, model.curation()::piiSpans).node();
        HBox rowsAndDetail = new HBox(12, table, detail);
        CurationBar curation = new CurationBar(model, Bindings.size(table.getSelectionModel().getSelectedIndices()),
                () -> table.getSelectionModel().getSelectedIndices());
        VBox workbench = new VBox(10, list, new FilterBar(model).node(curation.flagFilter()), bulkActions(), curation.actions(), curation.nearDuplicates(), rowsAndDetail,
                new ClusterCompareView(model.curation()).node(), curation.history());
        curation.installShortcuts(workbench);
        workbench.getStyleClass().add(DatasetStyles.WORKBENCH);
        return workbench;
    }

    private Node bulkActions() {
        Label count = new Label();
        count.setId(COUNT_ID);
        count.getStyleClass().add(DatasetStyles.COUNT);
        var selectedCount = Bindings.size(table.getSelectionModel().getSelectedIndices());
        count.textProperty().bind(Bindings.createStringBinding(() -> countText(selectedCount.get()),
                model.matchingProperty(), model.selectedProperty(), model.duplicateGroupProperty(), selectedCount));
        Button accept = bulk(ACCEPT_ID, "Accept", RowStatus.ACCEPTED, Styles.SUCCESS);
        Button reject = bulk(REJECT_ID, "Reject", RowStatus.REJECTED, Styles.DANGER);
        Button pending = bulk(PENDING_ID, "Back to pending", RowStatus.PENDING, Styles.FLAT);
        Button delete = new Button("Delete");
        delete.setId(DELETE_ID);
        delete.getStyleClass().addAll(Styles.DANGER, Styles.FLAT);
        delete.setTooltip(new javafx.scene.control.Tooltip("Take the selected rows out of the dataset (frozen versions keep"
                + " them; Undo brings them back)"));
        delete.setOnAction(e -> model.deleteRows(List.copyOf(table.getSelectionModel().getSelectedIndices())));
        for (Button b : List.of(accept, reject, pending, delete)) {
            b.disableProperty().bind(selectedCount.isEqualTo(0));
        }
        HBox row = new HBox(8, count, PageLayout.hgap(), accept, reject, pending, delete);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add(DatasetStyles.BULK);
        return row;
    }

    private String countText(int selected) {
        if (model.selectedProperty().get() == null) {
            return "No dataset chosen";
        }
        long matching = model.matchingProperty().get();
        String rows = matching == DatasetsViewModel.COUNTING ? "Counting rows\u2026"
                : DatasetText.count(matching, "row") + (matching == model.selectedProperty().get().rows()
                        ? "" : " of " + DatasetText.number(model.selectedProperty().get().rows()));
        String group = model.duplicateGroupProperty().get() == null ? ""
                : " \u00b7 one duplicate group";
        return rows + group + (selected == 0 ? "" : " \u00b7 " + DatasetText.number(selected) + " selected");
    }

    private Button bulk(String id, String text, RowStatus status, String style) {
        Button button = new Button(text);
        button.setId(id);
        button.getStyleClass().add(style);
        button.setOnAction(e -> model.setStatus(List.copyOf(table.getSelectionModel().getSelectedIndices()), status));
        return button;
    }

    static <T> ComboBox<T> choice(String id, String anyText, T[] values, java.util.function.Function<T, String> text) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.getItems().add(null);
        box.getItems().addAll(values);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? anyText : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        box.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(item == null ? anyText : text.apply(item));
            }
        });
        return box;
    }

    private Window window() {
        return view.getScene() == null ? null : view.getScene().getWindow();
    }
}
