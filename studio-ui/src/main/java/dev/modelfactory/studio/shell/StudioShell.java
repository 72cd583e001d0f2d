package dev.modelfactory.studio.shell;

import dev.modelfactory.studio.OpenPageEvent;
import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.pages.HomePage;
import dev.modelfactory.studio.pages.SettingsPage;
import dev.modelfactory.studio.pages.TasksPage;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.prefs.ThemeManager;
import dev.modelfactory.studio.prefs.UiPreferences;
import dev.modelfactory.studio.prefs.UiPreferencesStore;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio window's content: sidebar, the current page, status bar. Pages in order: Home, the context's
 * extra pages, Tasks, then Settings (pinned at the bottom of the sidebar). Ctrl+1..Ctrl+9 open the first nine
 * pages in sidebar order, Ctrl+, opens Settings. Build on the FX thread with {@link #builder}.
 */
public final class StudioShell {

    private static final Logger LOG = LoggerFactory.getLogger(StudioShell.class);
    private static final int MAX_NUMBERED_SHORTCUTS = 9;

    private final StudioContext context;
    private final UiPreferencesStore store;
    private final boolean persist;
    private final StudioServices services;
    private final ThemeManager themes;
    private final List<Page> pages = new ArrayList<>();
    private final Map<Page, Node> views = new HashMap<>();
    private final ReadOnlyObjectWrapper<Page> currentPage = new ReadOnlyObjectWrapper<>(this, "currentPage");
    private final StackPane content = new StackPane();
    private final BorderPane root = new BorderPane();
    private final Sidebar sidebar;
    private final EventHandler<KeyEvent> shortcutFilter = this::shortcut;
    private UiPreferences preferences;

    private StudioShell(Builder builder) {
        context = builder.context;
        store = new UiPreferencesStore(context.preferencesFile());
        persist = builder.persistPreferences;
        preferences = store.load();
        ErrorHandler errors = builder.errors != null ? builder.errors : new ErrorHandler(true);
        TaskExecutor executor = builder.executor != null ? builder.executor
                : new FxTaskExecutor(Math.max(2, Runtime.getRuntime().availableProcessors() / 2), new TaskRegistry(), errors);
        services = new StudioServices(context, executor, errors);
        themes = new ThemeManager(builder.theme != null ? builder.theme : preferences.theme(), this::themeChosen);

        Page settings = new SettingsPage(context, themes);
        pages.add(new HomePage(context, executor.registry()));
        for (PageFactory factory : context.extraPages()) {
            pages.add(factory.create(services));
        }
        pages.add(new TasksPage(executor.registry()));
        List<Page> mainPages = List.copyOf(pages);
        pages.add(settings);

        sidebar = new Sidebar(mainPages, settings, shortcutLabels(mainPages.size()),
                "Ctrl+,", this::show);
        root.getStyleClass().add(StudioStyles.SHELL);
        root.getStylesheets().addAll(stylesheet(StudioStyles.CONTROLSFX_BRIDGE), stylesheet(StudioStyles.APP_STYLESHEET));
        root.setLeft(sidebar);
        root.setCenter(content);
        root.setBottom(new StatusBar(context, executor.registry(), () -> show(TasksPage.ID)));
        root.addEventHandler(OpenPageEvent.OPEN_PAGE, e -> {
            e.consume();
            Optional<Page> target = pages.stream().filter(p -> p.id().equals(e.pageId())).findFirst();
            if (target.isEmpty()) {
                LOG.warn("No page {} in this studio to open {}", e.pageId(), e.request().getClass().getSimpleName());
                return;
            }
            show(target.get());
            target.get().open(e.request());
        });
        // On the scene, not the root: with no focus owner, key events target the scene alone.
        root.sceneProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, shortcutFilter);
            }
            if (now != null) {
                now.addEventFilter(KeyEvent.KEY_PRESSED, shortcutFilter);
            }
        });
        show(pages.getFirst());
    }

    /** A builder for the given context; defaults: FX pool executor, dialog error handler, persisted prefs. */
    public static Builder builder(StudioContext context) {
        return new Builder(context);
    }

    /** The node to put into a scene (carries the studio's stylesheets). */
    public Parent root() {
        return root;
    }

    /** All pages in sidebar order; Settings is last. */
    public List<Page> pages() {
        return List.copyOf(pages);
    }

    public StudioServices services() {
        return services;
    }

    public ThemeManager themes() {
        return themes;
    }

    /** The preferences as last loaded or saved. */
    public UiPreferences preferences() {
        return preferences;
    }

    public ReadOnlyObjectProperty<Page> currentPageProperty() {
        return currentPage.getReadOnlyProperty();
    }

    public Page currentPage() {
        return currentPage.get();
    }

    /** Shows the page with this id. */
    public void show(String pageId) {
        show(pages.stream().filter(p -> p.id().equals(pageId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No page " + pageId)));
    }

    /** Shows the page (one of {@link #pages()}). */
    public void show(Page page) {
        Node view = views.computeIfAbsent(page, Page::view);
        content.getChildren().setAll(view);
        sidebar.select(page);
        currentPage.set(page);
        page.onShow();
    }

    /**
     * Puts the shell into {@code stage}: scene, title, the remembered geometry (clamped onto a visible
     * screen), the error dialog's owner; remembers the geometry again when the window closes.
     */
    public void attach(Stage stage) {
        new WindowKeeper(stage, preferences.window(), geometry -> {
            preferences = preferences.withWindow(geometry);
            save();
        }).install(root);
        stage.titleProperty().bind(currentPage.map(p -> p.title() + " \u2014 ModelFactory Studio"));
        services.errors().setOwner(() -> stage);
    }

    /** Stops the background executor (tasks are asked to cancel). */
    public void shutdown() {
        services.executor().shutdown();
    }

    private void themeChosen(ThemeChoice choice) {
        preferences = preferences.withTheme(choice);
        save();
    }

    private void save() {
        if (!persist) {
            return;
        }
        try {
            store.save(preferences);
        } catch (RuntimeException e) {
            LOG.warn("Could not save UI preferences to {}", store.file(), e);
        }
    }

    private void shortcut(KeyEvent event) {
        if (!event.isShortcutDown() || event.isAltDown() || event.isShiftDown()) {
            return;
        }
        KeyCode code = event.getCode();
        if (code == KeyCode.COMMA) {
            show(SettingsPage.ID);
            event.consume();
            return;
        }
        int index = digit(code);
        List<Page> numbered = pages.subList(0, pages.size() - 1);
        if (index >= 1 && index <= Math.min(MAX_NUMBERED_SHORTCUTS, numbered.size())) {
            show(numbered.get(index - 1));
            event.consume();
        }
    }

    private static int digit(KeyCode code) {
        if (code.isDigitKey()) {
            String name = code.getName();
            char last = name.charAt(name.length() - 1);
            return Character.isDigit(last) ? last - '0' : -1;
        }
        return -1;
    }

    private static List<String> shortcutLabels(int count) {
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            labels.add(i <= MAX_NUMBERED_SHORTCUTS ? "Ctrl+" + i : null);
        }
        return labels;
    }

    private static String stylesheet(String resource) {
        return Objects.requireNonNull(StudioShell.class.getResource(resource), resource).toExternalForm();
    }

    /** Options for {@link StudioShell}; {@link #build()} must run on the FX thread. */
    public static final class Builder {
        private final StudioContext context;
        private TaskExecutor executor;
        private ErrorHandler errors;
        private ThemeChoice theme;
        private boolean persistPreferences = true;

        private Builder(StudioContext context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        /** The executor pages use (default: an {@link FxTaskExecutor} reporting to the error handler). */
        public Builder executor(TaskExecutor value) {
            this.executor = value;
            return this;
        }

        /** The error handler (default: one that shows dialogs). */
        public Builder errors(ErrorHandler value) {
            this.errors = value;
            return this;
        }

        /** Starts with this theme instead of the remembered one. */
        public Builder theme(ThemeChoice value) {
            this.theme = value;
            return this;
        }

        /** False: never write the preferences file (snapshot rendering). */
        public Builder persistPreferences(boolean value) {
            this.persistPreferences = value;
            return this;
        }

        public StudioShell build() {
            if (!Platform.isFxApplicationThread()) {
                throw new IllegalStateException("Build the studio shell on the FX application thread");
            }
            return new StudioShell(this);
        }
    }
}
