package dev.modelfactory.studio.models;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Models found where people keep them plus the imported ones: counts, the searched folders, a filterable
 * table, and the selected model's details with Import. Every catalog call runs as a background task.
 */
public final class ModelsPage implements Page {

    public static final String ID = "models";
    public static final String RESCAN_ID = "models-rescan";
    public static final String ADD_FOLDER_ID = "models-add-folder";
    public static final String IMPORT_MENU_ID = "models-import-menu";
    public static final String FILTER_ID = "models-filter";
    public static final String EMPTY_ID = "models-empty";
    public static final String STAT_ID_PREFIX = "models-stat-";
    /** A stat's value while the figure is being worked out. */
    static final String PENDING = "\u2026";
    /** Widest the page column grows (the shell's text pages stop at 1040). */
    public static final double MAX_CONTENT_WIDTH = 1320;

    private final ModelsViewModel model;
    private final PathChooser chooser;
    private final ScrollPane view;

    public ModelsPage(StudioServices services, ModelCatalog catalog, PathChooser chooser) {
        this.model = new ModelsViewModel(catalog, services.executor(), services.errors()::report);
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        this.view = PageLayout.scrollingPage(
                header(),
                stats(),
                foldersSection(),
                modelsSection(),
                detailsSection());
        view.getStyleClass().add(ModelStyles.PAGE);
        widenForTheTable();
        view.getStylesheets().add(Objects.requireNonNull(
                ModelsPage.class.getResource(ModelStyles.STYLESHEET), ModelStyles.STYLESHEET).toExternalForm());
    }

    /** For {@code StudioContext.Builder.addPage}: the page over the app's catalog, with the system choosers. */
    public static PageFactory factory(ModelCatalog catalog) {
        return factory(catalog, PathChooser.system());
    }

    public static PageFactory factory(ModelCatalog catalog, PathChooser chooser) {
        Objects.requireNonNull(catalog, "catalog");
        return services -> new ModelsPage(services, catalog, chooser);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Models";
    }

    @Override
    public Node icon() {
        return Glyph.MODEL.node(16);
    }

    @Override
    public Node view() {
        return view;
    }

    /**
     * The first visit lists the searched folders (a cheap call, so they show while the slow scan runs) and
     * scans; later visits keep what is listed (Rescan refreshes).
     */
    @Override
    public void onShow() {
        if (!model.loadedProperty().get() && !model.busyProperty().get()) {
            model.loadFolders();
            model.rescan();
        }
    }

    /** The page's state, for the app and tests. */
    public ModelsViewModel viewModel() {
        return model;
    }

    private Node header() {
        return PageLayout.header("Models",
                "Models found where you keep them, and the ones imported into the workspace. Importing "
                        + "registers a model by its content hash.",
                toolbar());
    }

    private Node toolbar() {
        Button rescan = new Button("Rescan", Glyph.REFRESH.node(14));
        rescan.setId(RESCAN_ID);
        rescan.setTooltip(new Tooltip("Search every folder again"));
        rescan.setOnAction(event -> model.rescan());
        Button addFolder = new Button("Add folder\u2026", Glyph.FOLDER_ADD.node(14));
        addFolder.setId(ADD_FOLDER_ID);
        addFolder.setTooltip(new Tooltip("Also search a folder that holds .gguf files or Hugging Face models"));
        addFolder.setOnAction(event -> chooser.chooseFolder("Add a folder to search for models", window())
                .ifPresent(model::addFolder));
        MenuButton importMenu = importMenu();
        for (Node control : new Node[] {rescan, addFolder, importMenu}) {
            control.disableProperty().bind(model.busyProperty());
        }
        HBox toolbar = new HBox(busyIndicator(), rescan, addFolder, importMenu);
        toolbar.getStyleClass().add(ModelStyles.TOOLBAR);
        toolbar.setMinWidth(HBox.USE_PREF_SIZE);
        return toolbar;
    }

    private MenuButton importMenu() {
        MenuButton menu = new MenuButton("Import\u2026", Glyph.IMPORT.node(14));
        menu.setId(IMPORT_MENU_ID);
        menu.getStyleClass().add(Styles.ACCENT);
        menu.getItems().addAll(
                importItem("GGUF file, copied into the workspace\u2026", false, ImportMode.COPY),
                importItem("GGUF file, referenced in place\u2026", false, ImportMode.REFERENCE),
                new SeparatorMenuItem(),
                importItem("Hugging Face folder, copied into the workspace\u2026", true, ImportMode.COPY),
                importItem("Hugging Face folder, referenced in place\u2026", true, ImportMode.REFERENCE));
        return menu;
    }

    private MenuItem importItem(String text, boolean folder, ImportMode mode) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(event -> {
            Optional<Path> chosen = folder
                    ? chooser.chooseFolder("Import a Hugging Face model folder", window())
                    : chooser.chooseModelFile("Import a GGUF model", window());
            chosen.ifPresent(path -> model.importPath(path, mode));
        });
        return item;
    }

    private Node busyIndicator() {
        ProgressIndicator spinner = new ProgressIndicator(ProgressIndicator.INDETERMINATE_PROGRESS);
        Label text = new Label();
        text.textProperty().bind(model.activityProperty());
        HBox busy = new HBox(spinner, text);
        busy.getStyleClass().add(ModelStyles.BUSY);
        busy.visibleProperty().bind(model.busyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        return busy;
    }

    private Node stats() {
        IntegerBinding total = Bindings.size(model.models());
        IntegerBinding problems = Bindings.createIntegerBinding(
                () -> (int) model.models().stream().filter(LocalModel::hasProblem).count(), model.models());
        IntegerBinding missing = Bindings.createIntegerBinding(
                () -> (int) model.folders().stream().filter(f -> !f.exists()).count(), model.folders());
        GridPane grid = new GridPane(14, 14);
        for (int i = 0; i < 4; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(25);
            grid.getColumnConstraints().add(column);
        }
        grid.addRow(0,
                stat("models", scanned(total), () -> scannedCaption(total.get() == 1 ? "model listed"
                        : "models listed"), total, model.loadedProperty(), model.busyProperty()),
                stat("imported", scanned(model.importedCount()), () -> scannedCaption("imported"),
                        model.importedCount(), model.loadedProperty(), model.busyProperty()),
                stat("folders", Bindings.createStringBinding(() -> model.foldersKnownProperty().get()
                                ? String.valueOf(model.folders().size()) : PENDING,
                                model.folders(), model.foldersKnownProperty()),
                        () -> !model.foldersKnownProperty().get() ? "Reading the folders\u2026"
                                : (model.folders().size() == 1 ? "folder searched" : "folders searched")
                                        + (missing.get() == 0 ? "" : ", " + missing.get() + " missing"),
                        missing, model.foldersKnownProperty()),
                problemStat(problems));
        grid.getStyleClass().add(ModelStyles.STATS);
        return grid;
    }

    /**
     * A figure that only a finished scan knows: before the first one it shows {@link #PENDING} (or a dash when
     * the scan did not finish), never a zero that would read as "none".
     */
    private StringBinding scanned(IntegerBinding figure) {
        return Bindings.createStringBinding(() -> model.loadedProperty().get() ? String.valueOf(figure.get())
                        : model.busyProperty().get() ? PENDING : ModelText.UNKNOWN,
                figure, model.loadedProperty(), model.busyProperty());
    }

    private String scannedCaption(String caption) {
        if (model.loadedProperty().get()) {
            return caption;
        }
        return model.busyProperty().get() ? "Scanning\u2026" : "not scanned: press Rescan";
    }

    private Node problemStat(IntegerBinding problems) {
        VBox stat = stat("problems", scanned(problems), () -> scannedCaption(problems.get() == 1
                        ? "file could not be read" : "files could not be read"),
                problems, model.loadedProperty(), model.busyProperty());
        problems.addListener((obs, old, now) -> {
            stat.getStyleClass().remove(ModelStyles.PROBLEM_ROW);
            if (now.intValue() > 0) {
                stat.getStyleClass().add(ModelStyles.PROBLEM_ROW);
            }
        });
        return stat;
    }

    private static VBox stat(String key, StringBinding value, Supplier<String> caption,
            Observable... captionDependencies) {
        Label valueLabel = new Label();
        valueLabel.setId(STAT_ID_PREFIX + key);
        valueLabel.textProperty().bind(value);
        valueLabel.getStyleClass().add(ModelStyles.STAT_VALUE);
        Label captionLabel = new Label();
        captionLabel.textProperty().bind(Bindings.createStringBinding(caption::get, captionDependencies));
        captionLabel.getStyleClass().add(ModelStyles.STAT_CAPTION);
        captionLabel.setWrapText(true);
        VBox stat = new VBox(valueLabel, captionLabel);
        stat.getStyleClass().add(ModelStyles.STAT);
        stat.setMaxWidth(Double.MAX_VALUE);
        return stat;
    }

    private Node foldersSection() {
        return PageLayout.section("Folders searched",
                "Where Ollama, the Hugging Face cache and LM Studio keep models, plus folders you add.",
                new FolderList(model).node());
    }

    private Node modelsSection() {
        return PageLayout.section("Models", null, filterRow(), tableOrEmptyState());
    }

    private Node filterRow() {
        TextField filter = new TextField();
        filter.setId(FILTER_ID);
        filter.setPromptText("Filter by name, architecture, quantisation, path");
        filter.textProperty().bindBidirectional(model.filterProperty());
        filter.getStyleClass().add(ModelStyles.FILTER);
        Label count = new Label();
        count.getStyleClass().add(ModelStyles.FILTER_COUNT);
        count.textProperty().bind(Bindings.createStringBinding(() -> model.filterProperty().get().isBlank()
                        ? "" : "Showing " + model.visibleModels().size() + " of " + model.models().size(),
                model.filterProperty(), model.visibleModels(), model.models()));
        HBox row = new HBox(12, filter, count);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node tableOrEmptyState() {
        var table = ModelTable.create(model);
        table.placeholderProperty().bind(Bindings.createObjectBinding(() -> new Label(placeholder()),
                model.loadedProperty(), model.busyProperty(), model.filterProperty()));
        Node empty = new EmptyModels(model).node();
        empty.setId(EMPTY_ID);
        StackPane holder = new StackPane(table, empty);
        var nothingFound = model.loadedProperty().and(Bindings.isEmpty(model.models()));
        empty.visibleProperty().bind(nothingFound);
        table.visibleProperty().bind(nothingFound.not());
        return holder;
    }

    private String placeholder() {
        if (model.loadedProperty().get()) {
            return "No model matches \u201c" + model.filterProperty().get().strip() + "\u201d.";
        }
        return model.busyProperty().get() ? "Scanning for models\u2026"
                : "The scan did not finish. Press Rescan to search the folders again.";
    }

    private Node detailsSection() {
        return PageLayout.section("Details", null, new ModelDetails(model).node());
    }

    /** A table of eight columns reads better wider than the text pages' {@link PageLayout#MAX_CONTENT_WIDTH}. */
    private void widenForTheTable() {
        if (view.getContent() instanceof VBox holder && holder.getChildren().getFirst() instanceof Region column) {
            column.setMaxWidth(MAX_CONTENT_WIDTH);
        }
    }

    private Window window() {
        return view.getScene() == null ? null : view.getScene().getWindow();
    }
}
