package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.VersionDiff;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Splits and versions of the chosen dataset: train/validation/test ratios with a seed (optionally stratified
 * by tag, recorded in the curation history), freezing the rows
 * not rejected into an immutable version named by its Merkle root, the versions list, and the diff of two
 * versions.
 */
public final class VersionsViewModel {

    private final DatasetCatalog catalog;
    private final TaskSubmitter tasks;
    private final Runnable rowsChanged;
    private final ObservableList<DatasetVersion> versions = FXCollections.observableArrayList();
    private final DoubleProperty train = new SimpleDoubleProperty(this, "train", 0.8);
    private final DoubleProperty validation = new SimpleDoubleProperty(this, "validation", 0.1);
    private final DoubleProperty test = new SimpleDoubleProperty(this, "test", 0.1);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 42);
    private final BooleanProperty stratifyByTag = new SimpleBooleanProperty(this, "stratifyByTag");
    private final StringProperty label = new SimpleStringProperty(this, "label", "");
    private final ObjectProperty<DatasetVersion> diffFrom = new SimpleObjectProperty<>(this, "diffFrom");
    private final ObjectProperty<DatasetVersion> diffTo = new SimpleObjectProperty<>(this, "diffTo");
    private final ReadOnlyObjectWrapper<VersionDiff> diff = new ReadOnlyObjectWrapper<>(this, "diff");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ExportViewModel exporter;
    private DatasetSummary dataset;

    VersionsViewModel(DatasetCatalog catalog, TaskSubmitter tasks, Runnable rowsChanged) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.rowsChanged = rowsChanged;
        this.exporter = new ExportViewModel(catalog, tasks, () -> dataset);
    }

    /** Lists the versions of {@code chosen} (null: none). */
    void load(DatasetSummary chosen) {
        dataset = chosen;
        versions.clear();
        diff.set(null);
        diffFrom.set(null);
        diffTo.set(null);
        outcome.set("");
        exporter.reset();
        if (chosen != null) {
            refresh();
        }
    }

    public BackgroundTask<List<DatasetVersion>> refresh() {
        DatasetSummary of = requireDataset();
        return tasks.submit("List versions of " + of.name(), ctx -> catalog.versions(of.id()), now -> {
            if (dataset != null && dataset.id() == of.id()) {
                versions.setAll(now);
                if (now.size() >= 2) {
                    diffFrom.set(now.get(now.size() - 2));
                    diffTo.set(now.getLast());
                }
            }
        });
    }

    /** The split the ratio and seed fields describe; {@link IllegalArgumentException} if they do not sum to 1. */
    public SplitSpec splitSpec() {
        return new SplitSpec(train.get(), validation.get(), test.get(), seed.get());
    }

    /**
     * Assigns splits to the rows not rejected, stratified by tag when {@link #stratifyByTagProperty()} is set;
     * recorded in the history (undoable). Returns null (and says why) if the ratios are invalid.
     */
    public BackgroundTask<Optional<HistoryEntry>> assignSplits() {
        DatasetSummary of = requireDataset();
        SplitSpec spec;
        try {
            spec = splitSpec();
        } catch (IllegalArgumentException e) {
            outcome.set(e.getMessage());
            return null;
        }
        boolean stratify = stratifyByTag.get();
        return tasks.submit("Split " + of.name(), ctx -> catalog.split(of.id(), spec, stratify,
                (done, total) -> ctx.updateProgress(done, total), ctx::isCancelled), entry -> {
            outcome.set(entry.map(e -> DatasetText.capital(e.description())).orElse("Every row already has that split"));
            rowsChanged.run();
        });
    }

    /** Freezes the rows not rejected (with their current splits) into a version. */
    public BackgroundTask<DatasetVersion> freeze() {
        DatasetSummary of = requireDataset();
        String text = label.get() == null || label.get().isBlank() ? null : label.get().strip();
        return tasks.submit("Freeze " + of.name(), ctx -> catalog.freeze(of.id(), new FreezeOptions(text, null),
                        (done, total) -> ctx.updateProgress(done, total), ctx::isCancelled),
                version -> {
                    outcome.set("Version " + version.shortRoot() + " frozen: " + DatasetText.count(version.rowCount(), "row"));
                    label.set("");
                    refresh();
                });
    }

    /** Compares {@link #diffFromProperty()} with {@link #diffToProperty()}. */
    public BackgroundTask<VersionDiff> compare() {
        DatasetVersion from = diffFrom.get();
        DatasetVersion to = diffTo.get();
        if (from == null || to == null) {
            outcome.set("Choose two versions to compare");
            return null;
        }
        return tasks.submit("Compare versions " + from.shortRoot() + " and " + to.shortRoot(),
                ctx -> catalog.diff(from, to), diff::set);
    }

    private DatasetSummary requireDataset() {
        if (dataset == null) {
            throw new IllegalStateException("no dataset chosen");
        }
        return dataset;
    }

    /** Export of a version or the working set. */
    public ExportViewModel exporter() {
        return exporter;
    }

    public ObservableList<DatasetVersion> versions() {
        return versions;
    }

    public DoubleProperty trainProperty() {
        return train;
    }

    public DoubleProperty validationProperty() {
        return validation;
    }

    public DoubleProperty testProperty() {
        return test;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** Split each set of tags on its own with the same ratios. */
    public BooleanProperty stratifyByTagProperty() {
        return stratifyByTag;
    }

    public StringProperty labelProperty() {
        return label;
    }

    public ObjectProperty<DatasetVersion> diffFromProperty() {
        return diffFrom;
    }

    public ObjectProperty<DatasetVersion> diffToProperty() {
        return diffTo;
    }

    public ReadOnlyObjectProperty<VersionDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    /** What the last split, freeze or check said. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }
}
