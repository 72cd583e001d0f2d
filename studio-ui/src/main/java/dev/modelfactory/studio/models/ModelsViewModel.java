package dev.modelfactory.studio.models;

import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.task.Work;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The Models page's state without a stage: every model, the filtered and sorted view of them, the searched
 * folders, the filter text, the selection and a busy flag. Each catalog call runs as a {@link BackgroundTask}
 * on the given executor; results are applied when it succeeds, failures go to {@code errors} with the folder
 * or file named. Touch it only on the executor's delivery thread (the FX thread in the studio).
 */
public final class ModelsViewModel {

    /** Name (ignoring case), then location: the order before the user sorts a column. */
    public static final Comparator<LocalModel> DEFAULT_ORDER = Comparator
            .comparing((LocalModel m) -> m.name().toLowerCase(Locale.ROOT))
            .thenComparing(LocalModel::location);

    static final String SCAN_TITLE = "Scan for models";
    static final String FOLDERS_TITLE = "Read model folders";

    private final ModelCatalog catalog;
    private final TaskExecutor executor;
    private final BiConsumer<String, Throwable> errors;

    private final ObservableList<LocalModel> models = FXCollections.observableArrayList();
    private final FilteredList<LocalModel> filtered = new FilteredList<>(models);
    private final SortedList<LocalModel> sorted = new SortedList<>(filtered, DEFAULT_ORDER);
    private final ObservableList<ModelFolder> folders = FXCollections.observableArrayList();
    // One read-only view each, kept: such a view follows its list through a weak listener, so a view made per
    // call is collected together with every listener added to it.
    private final ObservableList<LocalModel> modelsView = FXCollections.unmodifiableObservableList(models);
    private final ObservableList<ModelFolder> foldersView = FXCollections.unmodifiableObservableList(folders);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<Comparator<LocalModel>> sortOrder = new SimpleObjectProperty<>(this, "sortOrder");
    private final ObjectProperty<LocalModel> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyBooleanWrapper foldersKnown = new ReadOnlyBooleanWrapper(this, "foldersKnown");
    /** Numbers the calls that answer with folders, so an older answer arriving late cannot replace a newer one. */
    private long foldersAsked;
    private long foldersApplied;
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");
    private final IntegerBinding importedCount = Bindings.createIntegerBinding(
            () -> (int) models.stream().filter(LocalModel::imported).count(), models);

    public ModelsViewModel(ModelCatalog catalog, TaskExecutor executor, BiConsumer<String, Throwable> errors) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.errors = Objects.requireNonNull(errors, "errors");
        busy.bind(running.greaterThan(0));
        filtered.predicateProperty().bind(Bindings.createObjectBinding(() -> matcher(filter.get()), filter));
        sorted.comparatorProperty().bind(Bindings.createObjectBinding(
                () -> sortOrder.get() == null ? DEFAULT_ORDER : sortOrder.get().thenComparing(DEFAULT_ORDER),
                sortOrder));
    }

    // ---- state ----

    /** Every model, discovered and imported, in catalog order. */
    public ObservableList<LocalModel> models() {
        return modelsView;
    }

    /** The models the filter lets through, in {@link #sortOrderProperty() sort order}: what the table shows. */
    public SortedList<LocalModel> visibleModels() {
        return sorted;
    }

    /** The searched folders. */
    public ObservableList<ModelFolder> folders() {
        return foldersView;
    }

    /** Words that must all appear in a model's name, architecture, quantisation, source or path. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The user's column order (null: {@link #DEFAULT_ORDER}); ties fall back to the default order. */
    public ObjectProperty<Comparator<LocalModel>> sortOrderProperty() {
        return sortOrder;
    }

    public ObjectProperty<LocalModel> selectedProperty() {
        return selected;
    }

    /** True while a catalog call runs; actions that change the catalog wait for it. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once a scan finished: before that, an empty list means "not looked yet", not "nothing there". */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /**
     * True once the catalog said which folders it searches ({@link #loadFolders()}, a scan, or adding or removing
     * a folder): before that, an empty folder list means "not asked yet".
     */
    public ReadOnlyBooleanProperty foldersKnownProperty() {
        return foldersKnown.getReadOnlyProperty();
    }

    /** What the latest running catalog call does ("Import stories260K.gguf…"), "" when idle. */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    public IntegerBinding importedCount() {
        return importedCount;
    }

    /** How many listed models lie in the folder. */
    public int countIn(ModelFolder folder) {
        return (int) models.stream().filter(folder::holds).count();
    }

    // ---- actions ----

    /**
     * Asks the catalog for the searched folders (cheap: no walking), so they are listed with their kind and
     * whether they exist before the first scan finishes.
     */
    public BackgroundTask<List<ModelFolder>> loadFolders() {
        long asked = ++foldersAsked;
        return submit(FOLDERS_TITLE, "Read the model folders", ctx -> catalog.folders(),
                now -> applyFolders(asked, now));
    }

    /** Reloads folders and imported models, then walks the folders. */
    public BackgroundTask<ModelListing> rescan() {
        long asked = ++foldersAsked;
        return submit(SCAN_TITLE, "Scan for models", ctx -> {
            ctx.updateMessage("Reading the workspace");
            List<ModelFolder> searched = catalog.folders();
            List<LocalModel> imported = catalog.imported();
            ctx.updateMessage("Searching " + ModelText.count(searched.size(), "folder"));
            return ModelListing.of(searched, imported, catalog.scan(ctx));
        }, listing -> apply(asked, listing));
    }

    /** Imports the listed model; its row then shows the id. */
    public BackgroundTask<LocalModel> importModel(LocalModel model, ImportMode mode) {
        return importPath(model.location(), mode);
    }

    /** Imports a {@code .gguf} file or Hugging Face folder, listed or not. */
    public BackgroundTask<LocalModel> importPath(Path location, ImportMode mode) {
        Objects.requireNonNull(mode, "mode");
        return submit("Import " + location.getFileName(), "Import " + location,
                ctx -> catalog.importModel(location, mode, ctx), registered -> imported(location, registered));
    }

    /** Adds a user folder, then scans again so its models appear. */
    public BackgroundTask<List<ModelFolder>> addFolder(Path folder) {
        long asked = ++foldersAsked;
        return submit("Add folder " + folder.getFileName(), "Add folder " + folder, ctx -> {
            catalog.addFolder(folder);
            return catalog.folders();
        }, now -> {
            applyFolders(asked, now);
            rescan();
        });
    }

    /** Stops searching a user folder; the models only it held leave the list (imported ones stay). */
    public BackgroundTask<List<ModelFolder>> removeFolder(ModelFolder folder) {
        if (!folder.removable()) {
            throw new IllegalArgumentException(folder.kind().label() + " folders cannot be removed: " + folder.path());
        }
        long asked = ++foldersAsked;
        return submit("Remove folder " + folder.path().getFileName(), "Remove folder " + folder.path(), ctx -> {
            catalog.removeFolder(folder.path());
            return catalog.folders();
        }, now -> {
            applyFolders(asked, now);
            models.removeIf(m -> !m.imported() && folder.holds(m) && now.stream().noneMatch(f -> f.holds(m)));
        });
    }

    // ---- internals ----

    private <T> BackgroundTask<T> submit(String title, String errorSource, Work<T> work, Consumer<T> apply) {
        running.set(running.get() + 1);
        activity.set(title + "\u2026");
        return BackgroundTask.of(title, work)
                .onSuccess(result -> {
                    finished();
                    apply.accept(result);
                })
                .onFailure(error -> {
                    finished();
                    errors.accept(errorSource, error);
                })
                .onCancelled(this::finished)
                .runOn(executor);
    }

    private void finished() {
        running.set(running.get() - 1);
        if (running.get() == 0) {
            activity.set("");
        }
    }

    private void applyFolders(long asked, List<ModelFolder> now) {
        if (asked < foldersApplied) {
            return;
        }
        foldersApplied = asked;
        folders.setAll(now);
        foldersKnown.set(true);
    }

    private void apply(long asked, ModelListing listing) {
        Path keep = selected.get() == null ? null : selected.get().location();
        applyFolders(asked, listing.folders());
        models.setAll(listing.models());
        loaded.set(true);
        selected.set(keep == null ? null
                : models.stream().filter(m -> m.location().equals(keep)).findFirst().orElse(null));
    }

    private void imported(Path from, LocalModel registered) {
        int index = indexOf(from);
        if (index >= 0 && !registered.location().equals(from)) {
            LocalModel original = models.get(index);
            models.set(index, withId(original, registered.id()));
        }
        int at = indexOf(registered.location());
        if (at >= 0) {
            models.set(at, registered);
        } else {
            models.add(registered);
        }
        selected.set(index >= 0 ? models.get(index) : registered);
    }

    private int indexOf(Path location) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).location().equals(location)) {
                return i;
            }
        }
        return -1;
    }

    private static LocalModel withId(LocalModel m, String id) {
        return new LocalModel(id, m.name(), m.location(), m.source(), m.format(), m.architecture(),
                m.parameterCount(), m.quantisation(), m.contextLength(), m.sizeBytes(), m.problem());
    }

    private static Predicate<LocalModel> matcher(String text) {
        String[] words = text == null ? new String[0] : text.toLowerCase(Locale.ROOT).trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return model -> true;
        }
        return model -> {
            String haystack = String.join(" ", model.name(), String.valueOf(model.architecture()),
                    String.valueOf(model.quantisation()), model.source().label(), model.format().label(),
                    model.location().toString(), model.shortId()).toLowerCase(Locale.ROOT);
            return Arrays.stream(words).allMatch(haystack::contains);
        };
    }
}
