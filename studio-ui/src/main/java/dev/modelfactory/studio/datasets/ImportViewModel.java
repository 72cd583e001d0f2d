package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.ColumnMapping;
import dev.modelfactory.ledger.dataset.Contributors;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.ParseOptions;
import dev.modelfactory.ledger.dataset.RejectedRow;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.dataset.ImportSummary;
import dev.modelfactory.studio.task.BackgroundTask;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The import flow: a source (file or folder), its detected format and preview, the column mapping of a
 * CSV/TSV file, contributor (one for the import, or a column/field per row), licence and allowed uses; then
 * the import as a background task with progress (rows/s, ETA) and cancel, and afterwards the summary with
 * the rejected rows (file, line, reason). The target dataset is named: an existing one, or a new one that
 * the import creates.
 */
public final class ImportViewModel {

    /** Where the flow is. */
    public enum Stage { CHOOSE, PREVIEW, RUNNING, DONE }

    /** Rows the preview shows. */
    public static final int PREVIEW_ROWS = 8;

    private final DatasetCatalog catalog;
    private final TaskSubmitter tasks;
    private final LongConsumer imported;

    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>(this, "stage", Stage.CHOOSE);
    private final ObjectProperty<Path> source = new SimpleObjectProperty<>(this, "source");
    private final ObjectProperty<DatasetFormat> format = new SimpleObjectProperty<>(this, "format");
    private final ReadOnlyObjectWrapper<ImportPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final StringProperty datasetName = new SimpleStringProperty(this, "datasetName", "");
    private final Map<Field, StringProperty> mapping = new EnumMap<>(Field.class);
    private final StringProperty contributorField = new SimpleStringProperty(this, "contributorField");
    private final StringProperty contributor = new SimpleStringProperty(this, "contributor", "");
    private final StringProperty licence = new SimpleStringProperty(this, "licence", "");
    private final Map<Use, BooleanProperty> uses = new EnumMap<>(Use.class);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<BackgroundTask<ImportSummary>> task = new ReadOnlyObjectWrapper<>(this, "task");
    private final ReadOnlyObjectWrapper<ImportSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ObservableList<RejectedRow> rejects = FXCollections.observableArrayList();
    /** What the last preview was asked with: the controls fire on programmatic changes too. */
    private List<Object> previewed;

    /** The row fields a CSV/TSV column can feed. */
    public enum Field {
        INSTRUCTION("Instruction"), INPUT("Input"), OUTPUT("Output"), SYSTEM("System"), TEXT("Text"), TAGS("Tags");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    ImportViewModel(DatasetCatalog catalog, TaskSubmitter tasks, LongConsumer imported) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.imported = imported;
        for (Field f : Field.values()) {
            mapping.put(f, new SimpleStringProperty(this, f.name().toLowerCase(java.util.Locale.ROOT)));
        }
        for (Use u : Use.values()) {
            uses.put(u, new SimpleBooleanProperty(this, u.name(), u == Use.TRAIN || u == Use.EVAL));
        }
    }

    /** Starts over with a new source: detects its format and previews it. */
    public void choose(Path file) {
        previewed = null;
        source.set(Objects.requireNonNull(file, "file"));
        format.set(null);
        mapping.values().forEach(p -> p.set(null));
        contributorField.set(null);
        summary.set(null);
        rejects.clear();
        problem.set("");
        if (datasetName.get() == null || datasetName.get().isBlank()) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            datasetName.set(dot > 0 ? name.substring(0, dot) : name);
        }
        preview();
    }

    /**
     * Reads the first rows again with the current format and mapping; returns null (nothing to do) when the
     * last preview already read this source with these choices.
     */
    public BackgroundTask<ImportPreview> preview() {
        Path file = Objects.requireNonNull(source.get(), "choose a file first");
        DatasetFormat given = format.get();
        ParseOptions parse = parseOptions();
        List<Object> key = java.util.Arrays.asList(file, given, parse);
        if (key.equals(previewed)) {
            return null;
        }
        previewed = key;
        return tasks.submit("Preview " + file.getFileName(),
                ctx -> catalog.preview(file, given, parse, PREVIEW_ROWS), found -> {
                    if (!file.equals(source.get())) {
                        return;
                    }
                    preview.set(found);
                    found.detection().format().ifPresent(f -> {
                        if (format.get() == null) {
                            format.set(f);
                        }
                    });
                    if (format.get() == null && !found.columns().isEmpty()) {
                        // a header no mapping could be guessed from: still CSV/TSV, the mapping step decides
                        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                        format.set(name.endsWith(".tsv") || name.endsWith(".tab") ? DatasetFormat.TSV : DatasetFormat.CSV);
                    }
                    if (mapping.values().stream().allMatch(p -> p.get() == null)) {
                        ColumnMapping.guess(found.columns()).ifPresent(this::applyMapping);
                    }
                    stage.set(Stage.PREVIEW);
                }, error -> previewed = null);
    }

    /**
     * Checks the choices, then imports (creating the dataset if no dataset has that name) as a background
     * task; returns null and sets {@link #problemProperty()} if a choice is invalid.
     */
    public BackgroundTask<ImportSummary> start() {
        ImportOptions options;
        String name = datasetName.get() == null ? "" : datasetName.get().strip();
        try {
            if (source.get() == null) {
                throw new IllegalArgumentException("Choose a file or a folder to import");
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Name the dataset to import into");
            }
            options = options();
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return null;
        }
        problem.set("");
        Path file = source.get();
        AtomicReference<ImportSummary> partial = new AtomicReference<>();
        stage.set(Stage.RUNNING);
        BackgroundTask<ImportSummary> running = tasks.submit("Import " + file.getFileName() + " into " + name, ctx -> {
            DatasetSummary target = catalog.datasets().stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElse(null);
            if (target == null) {
                target = catalog.create(name, "Imported from " + file.getFileName());
            }
            long started = System.nanoTime();
            ImportSummary result = catalog.importFile(target.id(), file, options, (bytes, total, rows) -> {
                ctx.updateProgress(bytes, total);
                ctx.updateMessage(DatasetText.importProgress(rows, bytes, total, System.nanoTime() - started));
            }, ctx::isCancelled);
            partial.set(result);
            return result;
        }, this::finished, error -> stage.set(Stage.PREVIEW), () -> {
            if (partial.get() != null) {
                finished(partial.get());
            } else {
                stage.set(Stage.PREVIEW);
            }
        });
        task.set(running);
        return running;
    }

    /** Asks the running import to stop; whole batches already committed stay. */
    public void cancel() {
        if (task.get() != null) {
            task.get().cancel();
        }
    }

    /** Back to the start, keeping contributor, licence and uses for the next file. */
    public void reset() {
        source.set(null);
        format.set(null);
        preview.set(null);
        datasetName.set("");
        summary.set(null);
        rejects.clear();
        problem.set("");
        task.set(null);
        stage.set(Stage.CHOOSE);
    }

    /** The options {@link #start()} would import with; throws {@link IllegalArgumentException} naming the field. */
    public ImportOptions options() {
        String who = contributor.get() == null ? "" : contributor.get().strip();
        if (!who.isEmpty()) {
            try {
                Contributors.canonical(who);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Contributor: " + e.getMessage(), e);
            }
        }
        String terms = licence.get() == null ? "" : licence.get().strip();
        if (terms.length() > 500) {
            throw new IllegalArgumentException("Licence: an SPDX id or text of at most 500 characters");
        }
        DatasetFormat f = format.get();
        if (f == null) {
            throw new IllegalArgumentException("Format: " + (preview.get() == null ? "not known yet"
                    : preview.get().detection().explanation()) + "; choose one");
        }
        if ((f == DatasetFormat.CSV || f == DatasetFormat.TSV) && parseOptions().mapping() == null) {
            throw new IllegalArgumentException("Map a Text column, or Instruction and Output columns");
        }
        Set<Use> allowed = EnumSet.noneOf(Use.class);
        uses.forEach((use, on) -> {
            if (on.get()) {
                allowed.add(use);
            }
        });
        return ImportOptions.builder().format(f).parse(parseOptions())
                .contributor(who.isEmpty() ? null : who).licence(terms.isEmpty() ? null : terms)
                .allowedUses(allowed).build();
    }

    /** The mapping and per-row contributor as chosen; the mapping is null unless it names enough columns. */
    public ParseOptions parseOptions() {
        String text = value(Field.TEXT);
        String instruction = value(Field.INSTRUCTION);
        String output = value(Field.OUTPUT);
        ColumnMapping m = text != null || (instruction != null && output != null)
                ? new ColumnMapping(text != null ? null : instruction, text != null ? null : value(Field.INPUT),
                        text != null ? null : output, text != null ? null : value(Field.SYSTEM), text, value(Field.TAGS))
                : null;
        String per = contributorField.get() == null || contributorField.get().isBlank() ? null
                : contributorField.get().strip();
        return new ParseOptions(m, per);
    }

    private void applyMapping(ColumnMapping m) {
        mapping.get(Field.INSTRUCTION).set(m.instruction());
        mapping.get(Field.INPUT).set(m.input());
        mapping.get(Field.OUTPUT).set(m.output());
        mapping.get(Field.SYSTEM).set(m.system());
        mapping.get(Field.TEXT).set(m.text());
        mapping.get(Field.TAGS).set(m.tags());
    }

    private String value(Field f) {
        String v = mapping.get(f).get();
        return v == null || v.isBlank() ? null : v;
    }

    private void finished(ImportSummary result) {
        summary.set(result);
        rejects.setAll(result.rejected());
        stage.set(Stage.DONE);
        imported.accept(result.datasetId());
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    public ObjectProperty<Path> sourceProperty() {
        return source;
    }

    /** The format to import with; set by detection, the user may override it. */
    public ObjectProperty<DatasetFormat> formatProperty() {
        return format;
    }

    public ReadOnlyObjectProperty<ImportPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public StringProperty datasetNameProperty() {
        return datasetName;
    }

    /** The column feeding a field, or null. */
    public StringProperty mappingProperty(Field field) {
        return mapping.get(field);
    }

    /** A CSV column or JSON field naming each row's contributor, or null for one contributor. */
    public StringProperty contributorFieldProperty() {
        return contributorField;
    }

    public StringProperty contributorProperty() {
        return contributor;
    }

    public StringProperty licenceProperty() {
        return licence;
    }

    public BooleanProperty useProperty(Use use) {
        return uses.get(use);
    }

    /** Why the import cannot start, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The running (or last) import task: progress, message (rows/s, ETA), cancel. */
    public ReadOnlyObjectProperty<BackgroundTask<ImportSummary>> taskProperty() {
        return task.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImportSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The rejected rows of the last import (the first ones the store kept), with file, line and reason. */
    public ObservableList<RejectedRow> rejects() {
        return rejects;
    }

    /** The columns the mapping can choose from (the CSV/TSV header), empty until previewed. */
    public List<String> columns() {
        return preview.get() == null ? List.of() : preview.get().columns();
    }
}
