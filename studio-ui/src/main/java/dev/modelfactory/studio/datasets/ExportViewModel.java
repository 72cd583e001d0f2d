package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.ExportFormat;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.ExportOptions;
import dev.modelfactory.ledger.store.dataset.ExportSummary;
import dev.modelfactory.studio.task.BackgroundTask;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Exporting the chosen dataset from the page: a frozen version (or the working set's rows not rejected, with
 * their tags), optionally one split, to Alpaca / ShareGPT / OpenAI JSONL or CSV, as the CLI's
 * {@code dataset export} does. Runs in the background with progress and cancel; the file appears only once
 * complete (the store writes a temp file and renames it). Delivery thread only.
 */
public final class ExportViewModel {

    private final DatasetCatalog catalog;
    private final TaskSubmitter tasks;
    private final Supplier<DatasetSummary> dataset;
    private final ObjectProperty<ExportFormat> format = new SimpleObjectProperty<>(this, "format", ExportFormat.OPENAI);
    private final ObjectProperty<DatasetVersion> version = new SimpleObjectProperty<>(this, "version");
    private final ObjectProperty<Split> split = new SimpleObjectProperty<>(this, "split");
    private final ReadOnlyObjectWrapper<BackgroundTask<ExportSummary>> running = new ReadOnlyObjectWrapper<>(this, "running");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");

    ExportViewModel(DatasetCatalog catalog, TaskSubmitter tasks, Supplier<DatasetSummary> dataset) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tasks = tasks;
        this.dataset = dataset;
    }

    /** The dataset changed: the version chosen belongs to the old one. */
    void reset() {
        version.set(null);
        outcome.set("");
    }

    /** Writes the chosen rows to {@code target}; {@link #runningProperty()} has the progress and cancel. */
    public BackgroundTask<ExportSummary> export(Path target) {
        DatasetSummary of = Objects.requireNonNull(dataset.get(), "no dataset chosen");
        DatasetVersion v = version.get();
        ExportOptions options = ExportOptions.builder(format.get()).split(split.get()).build();
        outcome.set("");
        BackgroundTask<ExportSummary> task = tasks.submit("Export " + of.name(), ctx -> catalog.export(of.id(), v, target,
                options, (done, total) -> ctx.updateProgress(done, total), ctx::isCancelled), summary -> {
            running.set(null);
            outcome.set(text(summary));
        }, error -> {
            running.set(null);
            outcome.set("Export failed: " + error.getMessage());
        }, () -> {
            running.set(null);
            outcome.set("Export cancelled; no file written");
        });
        running.set(task);
        return task;
    }

    /** "1,200 rows written to chats.jsonl (OpenAI JSONL) · 3 skipped: reason". */
    static String text(ExportSummary s) {
        String skipped = s.skippedCount() == 0 ? "" : " \u00b7 " + DatasetText.count(s.skippedCount(), "row")
                + " skipped" + (s.skipped().isEmpty() ? "" : " (first: row " + s.skipped().getFirst().rowId() + ", "
                + s.skipped().getFirst().reason() + ")");
        return DatasetText.count(s.written(), "row") + " of the " + s.source() + " written to "
                + s.file().getFileName() + " (" + s.format().cliName() + ")" + skipped;
    }

    public ObjectProperty<ExportFormat> formatProperty() {
        return format;
    }

    /** The version to export; null exports the working set. */
    public ObjectProperty<DatasetVersion> versionProperty() {
        return version;
    }

    /** Only this split; null exports every split. */
    public ObjectProperty<Split> splitProperty() {
        return split;
    }

    /** The export running, or null. */
    public ReadOnlyObjectProperty<BackgroundTask<ExportSummary>> runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What the last export did. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }
}
