package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import dev.modelfactory.ledger.store.dataset.RowSelection;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowSort;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Datasets page's state without a stage: the datasets, the chosen one, the row query (filters and
 * sort) and its paged rows, the row shown in detail, and bulk status changes; plus the import, versions and
 * insights view models of the chosen dataset. Any filter or sort change counts the matching rows in the
 * background and replaces {@link #rowsProperty()} with a new {@link PagedRows}. Touch it only on the
 * delivery thread (the FX thread in the studio).
 */
public final class DatasetsViewModel {

    /** Value of {@link #matchingProperty()} while the rows are being counted. */
    public static final long COUNTING = -1;

    private final DatasetCatalog catalog;
    private final TaskSubmitter tasks;
    private final Executor rowFetcher;
    private final Executor delivery;

    private final ObservableList<DatasetSummary> datasets = FXCollections.observableArrayList();
    private final ObservableList<DatasetSummary> datasetsView = FXCollections.unmodifiableObservableList(datasets);
    private final ObjectProperty<DatasetSummary> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<RowStatus> status = new SimpleObjectProperty<>(this, "status");
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(this, "split");
    private final StringProperty contributor = new SimpleStringProperty(this, "contributor", "");
    private final StringProperty tag = new SimpleStringProperty(this, "tag", "");
    private final StringProperty duplicateGroup = new SimpleStringProperty(this, "duplicateGroup");
    private final BooleanProperty duplicatesOnly = new SimpleBooleanProperty(this, "duplicatesOnly");
    private final ObjectProperty<RowFlag> flag = new SimpleObjectProperty<>(this, "flag");
    private final ObjectProperty<Long> nearCluster = new SimpleObjectProperty<>(this, "nearCluster");
    private final ObjectProperty<Integer> minTokens = new SimpleObjectProperty<>(this, "minTokens");
    private final ObjectProperty<Integer> maxTokens = new SimpleObjectProperty<>(this, "maxTokens");
    private final ObjectProperty<RowSort> sort = new SimpleObjectProperty<>(this, "sort", RowSort.INSERTION);
    private final ReadOnlyObjectWrapper<PagedRows> rows = new ReadOnlyObjectWrapper<>(this, "rows", PagedRows.empty());
    private final ReadOnlyLongWrapper matching = new ReadOnlyLongWrapper(this, "matching", 0);
    private final ObjectProperty<DatasetRow> detail = new SimpleObjectProperty<>(this, "detail");
    private final ImportViewModel importer;
    private final VersionsViewModel versions;
    private final InsightsViewModel insights;
    private final CurationViewModel curation;
    private final FilterChoices choices;
    /** Numbers row queries so a late answer to an older query cannot replace a newer one. */
    private long queriesAsked;

    /**
     * @param executor   runs catalog calls as background tasks (counts, edits, imports, versions)
     * @param rowFetcher fetches pages of rows for the table (a single background thread in the studio)
     * @param delivery   the thread rows arrive on (the FX thread in the studio)
     * @param errors     the studio's error handler: what was being done, and the failure
     */
    public DatasetsViewModel(DatasetCatalog catalog, TaskExecutor executor, Executor rowFetcher, Executor delivery,
                             BiConsumer<String, Throwable> errors) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tasks = new TaskSubmitter(executor, errors);
        this.rowFetcher = Objects.requireNonNull(rowFetcher, "rowFetcher");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.importer = new ImportViewModel(catalog, tasks, this::imported);
        this.insights = new InsightsViewModel(catalog, tasks);
        this.choices = new FilterChoices(catalog, tasks);
        this.curation = new CurationViewModel(catalog, tasks, () -> {
            reloadRows();
            insights.changed();
            choices.load(selected.get());
        });
        this.versions = new VersionsViewModel(catalog, tasks, curation::done);
        for (Observable query : new Observable[] {search, status, split, contributor, tag, duplicateGroup,
                duplicatesOnly, flag, nearCluster, minTokens, maxTokens, sort}) {
            query.addListener(o -> reloadRows());
        }
        selected.addListener((obs, old, now) -> {
            if (old == null || now == null || old.id() != now.id()) {
                datasetChanged();
            }
        });
    }

    // ---- datasets ----

    /** Lists the datasets again; keeps the chosen one (or chooses the first). */
    public BackgroundTask<List<DatasetSummary>> refreshDatasets() {
        return tasks.submit("List datasets", ctx -> catalog.datasets(), this::applyDatasets);
    }

    /** Creates an empty dataset and chooses it. */
    public BackgroundTask<DatasetSummary> createDataset(String name) {
        return tasks.submit("Create dataset " + name, ctx -> catalog.create(name, ""), created -> {
            datasets.add(created);
            datasets.sort(java.util.Comparator.comparing(DatasetSummary::name));
            selected.set(created);
        });
    }

    // ---- rows ----

    /** The filter the controls describe. */
    public RowFilter filter() {
        RowFilter f = RowFilter.ALL.withStatus(status.get()).withSplit(split.get())
                .withExactDuplicatesOnly(duplicatesOnly.get());
        if (!search.get().isBlank()) {
            f = f.withSearch(search.get().strip());
        }
        if (!contributor.get().isBlank()) {
            f = f.withContributor(contributor.get().strip());
        }
        if (!tag.get().isBlank()) {
            f = f.withTag(tag.get().strip());
        }
        if (duplicateGroup.get() != null) {
            f = f.withNormalisedHash(duplicateGroup.get());
        }
        if (flag.get() != null) {
            f = f.withFlag(flag.get());
        }
        if (nearCluster.get() != null) {
            f = f.withNearDuplicateCluster(nearCluster.get());
        }
        return minTokens.get() == null && maxTokens.get() == null ? f : f.withTokens(minTokens.get(), maxTokens.get());
    }

    /** Counts the rows of the current query, then shows them through a new {@link PagedRows}. */
    public void reloadRows() {
        reloadRows(() -> { });
    }

    /**
     * {@link #reloadRows()}, then {@code after} on the FX thread once the count and first page are in (or the
     * query failed, was cancelled or was superseded).
     */
    private void reloadRows(Runnable after) {
        long asked = ++queriesAsked;
        DatasetSummary dataset = selected.get();
        detail.set(null);
        if (dataset == null) {
            matching.set(0);
            rows.set(PagedRows.empty());
            after.run();
            return;
        }
        RowFilter f = filter();
        RowSort order = sort.get() == null ? RowSort.INSERTION : sort.get();
        matching.set(COUNTING);
        tasks.submit("Count rows of " + dataset.name(), ctx -> new FirstPage(catalog.count(dataset.id(), f),
                catalog.rows(dataset.id(), f, order, 0, PagedRows.PAGE_SIZE)), first -> {
            if (asked == queriesAsked) {
                matching.set(first.count());
                rows.set(new PagedRows(first.count(), first.rows(),
                        (offset, limit) -> catalog.rows(dataset.id(), f, order, offset, limit),
                        rowFetcher, delivery, e -> tasks.report("Read rows of " + dataset.name(), e)));
            }
            after.run();
        }, error -> after.run(), after);
    }

    /**
     * Sets the status of the rows at these table positions (rows whose page is not in memory are read
     * first), recorded in the history; then shows the rows again and refreshes the insights.
     */
    public BackgroundTask<Integer> setStatus(List<Integer> indices, RowStatus newStatus) {
        DatasetSummary dataset = Objects.requireNonNull(selected.get(), "no dataset chosen");
        String title = (newStatus == RowStatus.ACCEPTED ? "Accept " : newStatus == RowStatus.REJECTED ? "Reject "
                : "Reset ") + DatasetText.count(indices.size(), "row");
        RowIds ids = idsOf(indices);
        return tasks.submit(title, ctx -> catalog.setStatus(dataset.id(), ids.resolve(ctx), newStatus), changed -> curation.done());
    }

    /**
     * Adds (or, with {@code add} false, removes) a tag on the rows at these table positions, or on every row
     * matching the filter when {@code indices} is null; recorded in the history.
     */
    public BackgroundTask<Optional<HistoryEntry>> tag(List<Integer> indices, String name, boolean add) {
        DatasetSummary dataset = Objects.requireNonNull(selected.get(), "no dataset chosen");
        String clean = Objects.requireNonNull(name, "tag").strip();
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("a tag needs a name");
        }
        RowFilter f = filter();
        RowIds ids = indices == null ? null : idsOf(indices);
        String title = (add ? "Tag " : "Untag ") + (indices == null ? "the matching rows" : DatasetText.count(indices.size(), "row"))
                + " " + clean;
        return tasks.submit(title, ctx -> {
            RowSelection rows = ids == null ? RowSelection.matching(f) : RowSelection.ids(ids.resolve(ctx));
            return add ? catalog.addTag(dataset.id(), rows, clean) : catalog.removeTag(dataset.id(), rows, clean);
        }, entry -> curation.done());
    }

    /**
     * "Keep one": keeps the row at this table position and rejects the others of its near-duplicate cluster
     * (when the table shows one, see {@link #nearClusterProperty()}) or else of its exact-duplicate group;
     * recorded, so Undo brings them back.
     */
    public BackgroundTask<Optional<HistoryEntry>> keepOne(int index) {
        DatasetSummary dataset = Objects.requireNonNull(selected.get(), "no dataset chosen");
        Long cluster = nearCluster.get();
        RowIds ids = idsOf(List.of(index));
        return tasks.submit("Keep one row", ctx -> {
            long id = ids.resolve(ctx).iterator().next();
            return cluster != null ? catalog.keepOneNear(dataset.id(), cluster, id) : catalog.keepOne(dataset.id(), id);
        }, entry -> curation.done());
    }

    /** Saves a row's edited content (recorded; Undo restores the old content). */
    public BackgroundTask<Optional<HistoryEntry>> editRow(DatasetRow row, dev.modelfactory.ledger.dataset.Conversation content) {
        DatasetSummary dataset = Objects.requireNonNull(selected.get(), "no dataset chosen");
        return tasks.submit("Edit row " + row.id(), ctx -> catalog.editRow(dataset.id(), row.id(), content), entry -> curation.done());
    }

    /** Deletes the rows at these table positions from the working set (recorded; Undo brings them back). */
    public BackgroundTask<Optional<HistoryEntry>> deleteRows(List<Integer> indices) {
        DatasetSummary dataset = Objects.requireNonNull(selected.get(), "no dataset chosen");
        RowIds ids = idsOf(indices);
        return tasks.submit("Delete " + DatasetText.count(indices.size(), "row"),
                ctx -> catalog.delete(dataset.id(), RowSelection.ids(ids.resolve(ctx))), entry -> curation.done());
    }

    /** Rejects every exact duplicate but the first of its group (recorded). */
    public BackgroundTask<Optional<HistoryEntry>> rejectDuplicates() {
        DatasetSummary dataset = Objects.requireNonNull(selected.get(), "no dataset chosen");
        return tasks.submit("Reject exact duplicates", ctx -> catalog.rejectDuplicates(dataset.id()), entry -> curation.done());
    }

    private RowIds idsOf(List<Integer> indices) {
        return new RowIds(catalog, selected.get().id(), filter(), sort.get() == null ? RowSort.INSERTION : sort.get(),
                rows.get(), indices);
    }

    /** Shows only the rows of one exact-duplicate group (null: leave the group filter). */
    public void showDuplicateGroup(String normalisedHash) {
        duplicateGroup.set(normalisedHash);
    }

    /** Clears every filter. */
    public void clearFilters() {
        search.set("");
        status.set(null);
        split.set(null);
        contributor.set("");
        tag.set("");
        duplicateGroup.set(null);
        duplicatesOnly.set(false);
        flag.set(null);
        nearCluster.set(null);
        minTokens.set(null);
        maxTokens.set(null);
    }

    // ---- internals ----

    /** The count of a query and its first page, fetched together before the table shows. */
    private record FirstPage(long count, List<DatasetRow> rows) {
    }

    private void applyDatasets(List<DatasetSummary> now) {
        DatasetSummary keep = selected.get();
        datasets.setAll(now);
        loaded.set(true);
        DatasetSummary match = keep == null ? null
                : now.stream().filter(d -> d.id() == keep.id()).findFirst().orElse(null);
        selected.set(match != null ? match : now.isEmpty() ? null : now.getFirst());
    }

    private void imported(long datasetId) {
        tasks.submit("List datasets", ctx -> catalog.datasets(), now -> {
            DatasetSummary target = now.stream().filter(d -> d.id() == datasetId).findFirst().orElse(null);
            datasets.setAll(now);
            loaded.set(true);
            if (target != null && selected.get() != null && selected.get().id() == datasetId) {
                selected.set(target);
                datasetChanged();
            } else {
                selected.set(target);
            }
        });
    }

    /**
     * Shows the newly chosen dataset: its rows first, then (once the first page is in) versions, insights, flag
     * counts and filter choices. Those scan the whole dataset; started together with the rows they took the cores
     * the first page needed (on a million rows the first paint waited for them).
     */
    private void datasetChanged() {
        DatasetSummary dataset = selected.get();
        reloadRows(() -> {
            DatasetSummary now = selected.get();
            if (now == null ? dataset == null : dataset != null && now.id() == dataset.id()) {
                versions.load(dataset);
                insights.chosen(dataset);
                curation.chosen(dataset);
                choices.load(dataset);
            }
        });
    }

    // ---- properties ----

    public ObservableList<DatasetSummary> datasets() {
        return datasetsView;
    }

    public ObjectProperty<DatasetSummary> selectedProperty() {
        return selected;
    }

    /** True once the datasets were listed. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<RowStatus> statusProperty() {
        return status;
    }

    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    public StringProperty contributorProperty() {
        return contributor;
    }

    public StringProperty tagProperty() {
        return tag;
    }

    /** The normalised hash of the duplicate group shown, or null. */
    public StringProperty duplicateGroupProperty() {
        return duplicateGroup;
    }

    public BooleanProperty duplicatesOnlyProperty() {
        return duplicatesOnly;
    }

    /** Only rows carrying this flag of the last check (null: any). */
    public ObjectProperty<RowFlag> flagProperty() {
        return flag;
    }

    /** The near-duplicate cluster the table shows (its smallest row id), or null. */
    public ObjectProperty<Long> nearClusterProperty() {
        return nearCluster;
    }

    /** Rows with at least / at most this many tokens, as the last check counted them (null: unbounded). */
    public ObjectProperty<Integer> minTokensProperty() {
        return minTokens;
    }

    public ObjectProperty<Integer> maxTokensProperty() {
        return maxTokens;
    }

    /** The contributors and tags of the chosen dataset, for the filter dropdowns. */
    public FilterChoices filterChoices() {
        return choices;
    }

    public CurationViewModel curation() {
        return curation;
    }

    public ObjectProperty<RowSort> sortProperty() {
        return sort;
    }

    /** The table's items; replaced by each query. */
    public ReadOnlyObjectProperty<PagedRows> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** Rows matching the query, or {@link #COUNTING}. */
    public ReadOnlyLongProperty matchingProperty() {
        return matching.getReadOnlyProperty();
    }

    /** The row shown in the detail pane, or null. */
    public ObjectProperty<DatasetRow> detailProperty() {
        return detail;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    public ReadOnlyStringProperty activityProperty() {
        return tasks.activityProperty();
    }

    public ImportViewModel importer() {
        return importer;
    }

    public VersionsViewModel versions() {
        return versions;
    }

    public InsightsViewModel insights() {
        return insights;
    }
}
