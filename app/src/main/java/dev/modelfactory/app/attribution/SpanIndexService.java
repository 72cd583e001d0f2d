package dev.modelfactory.app.attribution;

import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.app.training.RowRef;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.app.training.TrainingRefs;
import dev.modelfactory.engine.attribution.spans.SpanIndex;
import dev.modelfactory.engine.attribution.spans.SpanIndexFile;
import dev.modelfactory.engine.attribution.spans.SpanIndexFormatException;
import dev.modelfactory.engine.attribution.spans.SpanMatch;
import dev.modelfactory.engine.attribution.spans.SpanOccurrence;
import dev.modelfactory.engine.attribution.spans.SpanQuery;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.ledger.store.AmbiguousReferenceException;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Span evidence for outputs: builds, once per (dataset version, tokenizer), a suffix-array index of the rows
 * a run on that version trains on, under {@code indexes/spans/<versionRoot>/<tokenizerId>.sa} (with its
 * {@code .rows.json} sidecar), reuses it afterwards, and finds which spans of an output occur verbatim in
 * which rows. The tokenizer is the model's, or for an adapter its base model's. Thread-safe; keeps indexes
 * and tokenizers open until {@link #close()}.
 */
public final class SpanIndexService implements AutoCloseable {

    /** Tokens of context either side of a span in a row snippet. */
    private static final int SNIPPET_CONTEXT = 12;

    private final Workspace workspace;
    private final DatasetStore store;
    private final Map<Path, Opened> open = new HashMap<>();
    private final Map<String, ModelFiles> models = new HashMap<>();
    /** References already resolved (a query is asked again and again for the same model and version). */
    private final Map<String, ModelRecord> modelRefs = new ConcurrentHashMap<>();
    private final Map<String, DatasetVersion> versionRefs = new ConcurrentHashMap<>();

    private record Opened(SpanIndex index, SpanRowsFile rows, SpanIndexInfo info) {
    }

    public SpanIndexService(Workspace workspace) {
        this.workspace = workspace;
        this.store = new DatasetStore(workspace);
    }

    /** Where the index of {@code versionRoot} under {@code tokenizerId} lives. */
    public Path indexFile(String versionRoot, String tokenizerId) {
        return workspace.root().resolve("indexes").resolve("spans").resolve(versionRoot).resolve(tokenizerId + ".sa");
    }

    /** The index for the model or adapter's tokenizer and the version, if it was built. */
    public Optional<SpanIndexInfo> existing(String modelOrAdapterRef, String versionRoot) {
        ModelRecord model = model(modelOrAdapterRef);
        DatasetVersion v = version(versionRoot);
        Path file = indexFile(v.root(), tokenizerId(model));
        if (!Files.exists(file) || !Files.exists(rowsFile(file))) {
            return Optional.empty();
        }
        return Optional.of(opened(file).info());
    }

    /**
     * The index for the model or adapter's tokenizer and the version (a full root or a unique prefix of
     * one), built first when it is missing; progress counts rows read, then the suffix-array stages.
     *
     * @throws TrainingInputException for an unknown model, adapter or version
     * @throws java.util.concurrent.CancellationException when cancelled (nothing is left behind)
     */
    public SpanIndexInfo index(String modelOrAdapterRef, String versionRoot, ProgressListener progress,
            CancellationToken cancel) {
        ModelRecord model = model(modelOrAdapterRef);
        DatasetVersion v = version(versionRoot);
        return ensure(model, v, progress, cancel).info();
    }

    /** {@link #spans(String, String, String, SpanOptions, ProgressListener, CancellationToken)} with defaults. */
    public SpanReport spans(String modelOrAdapterRef, String versionRoot, String outputText) {
        return spans(modelOrAdapterRef, versionRoot, outputText, SpanOptions.defaults(), ProgressListener.NONE,
                CancellationToken.NONE);
    }

    /**
     * The maximal spans of {@code outputText} (tokenised with the model's tokenizer) that occur verbatim in
     * the version's training rows, as character ranges of {@code outputText}, with their rows and a
     * per-contributor count of covered output tokens. Builds the index first when it is missing.
     */
    public SpanReport spans(String modelOrAdapterRef, String versionRoot, String outputText, SpanOptions options,
            ProgressListener progress, CancellationToken cancel) {
        ModelRecord model = model(modelOrAdapterRef);
        DatasetVersion v = version(versionRoot);
        Opened o = ensure(model, v, progress, cancel);
        Tokenizer tok = tokenizer(model);
        int[] ids = tok.encode(outputText, false);
        int[] bounds = SpanCharMap.boundaries(tok, ids, outputText);
        SpanQuery q = new SpanQuery(options.minTokens(), Integer.MAX_VALUE, SpanQuery.DEFAULT_SCAN_LIMIT);
        List<SpanMatch> matches = o.index().spans(ids, q);
        List<SpanHit> hits = new ArrayList<>();
        boolean[] covered = new boolean[ids.length];
        Map<String, boolean[]> byContributor = new LinkedHashMap<>();
        Map<String, Set<Long>> rowsByContributor = new HashMap<>();
        for (SpanMatch m : matches) {
            List<SpanRow> listed = new ArrayList<>();
            for (SpanOccurrence occ : m.occurrences()) {
                RowRef row = o.rows().rows().get(occ.row());
                if (listed.size() < options.maxRows()) {
                    listed.add(new SpanRow(row, snippet(o.index(), tok, occ, m.length())));
                }
                boolean[] mark = byContributor.computeIfAbsent(row.contributor(), c -> new boolean[ids.length]);
                java.util.Arrays.fill(mark, m.start(), m.end(), true);
                rowsByContributor.computeIfAbsent(row.contributor(), c -> new HashSet<>()).add(row.rowId());
            }
            java.util.Arrays.fill(covered, m.start(), m.end(), true);
            // Highlight the words, not the space a SentencePiece token carries in front of them.
            int from = bounds[m.start()];
            int to = Math.max(from, bounds[m.end()]);
            while (from < to && Character.isWhitespace(outputText.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(outputText.charAt(to - 1))) {
                to--;
            }
            hits.add(new SpanHit(from, to, m.start(), m.end(), m.count(), listed, m.rowsTotal(), m.rowsComplete()));
        }
        List<SpanContributorTokens> contributors = new ArrayList<>();
        byContributor.forEach((c, mark) -> contributors.add(new SpanContributorTokens(c, count(mark),
                rowsByContributor.get(c).size())));
        contributors.sort(Comparator.comparingInt(SpanContributorTokens::matchedTokens).reversed()
                .thenComparing(SpanContributorTokens::contributor));
        return new SpanReport(outputText, ids.length, count(covered), hits, contributors, o.info());
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    private static String snippet(SpanIndex index, Tokenizer tok, SpanOccurrence occ, int length) {
        int ds = index.docStart(occ.document());
        int de = index.docEnd(occ.document());
        int from = Math.max(ds, occ.position() - SNIPPET_CONTEXT);
        int to = Math.min(de, occ.position() + length + SNIPPET_CONTEXT);
        String text = tok.decode(index.tokens(from, to)).strip();
        return (from > ds ? "…" : "") + text + (to < de ? "…" : "");
    }

    private synchronized Opened ensure(ModelRecord model, DatasetVersion v, ProgressListener progress,
            CancellationToken cancel) {
        String tokId = tokenizerId(model);
        Path file = indexFile(v.root(), tokId);
        if (Files.exists(file) && Files.exists(rowsFile(file))) {
            return opened(file);
        }
        String datasetName = store.get(v.datasetId()).map(DatasetInfo::name).orElse("#" + v.datasetId());
        long total = v.rowCount() + 3;
        SpanCorpusReader.Result r = SpanCorpusReader.read(store, v, tokenizer(model),
                (done, t) -> progress.onProgress(done, total), cancel);
        cancel.throwIfCancellationRequested();
        SpanIndexFile.write(file, r.corpus(), phase -> progress.onProgress(v.rowCount() + phase - 1, total));
        new SpanRowsFile(datasetName, v.root(), model.id(), tokId, r.corpus().documentCount(), r.corpus().tokenCount(),
                r.rows()).write(rowsFile(file));
        progress.onProgress(total, total);
        return opened(file);
    }

    private synchronized Opened opened(Path file) {
        Opened o = open.get(file);
        if (o != null) {
            return o;
        }
        SpanRowsFile rows = SpanRowsFile.read(rowsFile(file));
        SpanIndex index;
        try {
            index = SpanIndexFile.open(file);
        } catch (SpanIndexFormatException e) {
            throw new SpanIndexException(e.getMessage() + " (delete it to rebuild the index)", e);
        }
        if (index.rowCount() != rows.rows().size()) {
            index.close();
            throw new SpanIndexException(file + ": " + index.rowCount() + " rows, but " + rowsFile(file) + " lists "
                    + rows.rows().size() + " (delete both to rebuild the index)");
        }
        SpanIndexInfo info = new SpanIndexInfo(file, rows.datasetName(), rows.versionRoot(), rows.tokenizerId(),
                index.rowCount(), index.documentCount(), index.tokenCount());
        o = new Opened(index, rows, info);
        open.put(file, o);
        return o;
    }

    static Path rowsFile(Path indexFile) {
        String name = indexFile.getFileName().toString();
        return indexFile.resolveSibling(name.substring(0, name.length() - ".sa".length()) + ".rows.json");
    }

    /** Rows tokenised with one model's tokenizer; adapters share their base model's. */
    static String tokenizerId(ModelRecord model) {
        return "model-" + model.id().substring(0, 16);
    }

    /** A model (name, id prefix or path), else an adapter (run id, hash prefix, PEFT folder) and its base. */
    private ModelRecord model(String ref) {
        ModelRecord known = modelRefs.get(ref);
        if (known == null) {
            known = resolveModel(ref);
            modelRefs.put(ref, known);
        }
        return known;
    }

    private ModelRecord resolveModel(String ref) {
        Optional<ModelRecord> m;
        try {
            m = workspace.models().find(ref);
        } catch (AmbiguousReferenceException e) {
            throw new TrainingInputException("model: " + e.getMessage(), e);
        }
        Path path = null;
        if (m.isEmpty()) {
            try {
                path = Path.of(ref);
            } catch (InvalidPathException e) {
                path = null;
            }
        }
        boolean adapterFolder = path != null && Files.exists(path.resolve("adapter_config.json"));
        if (m.isPresent() || path != null && Files.exists(path) && !adapterFolder) {
            return TrainingRefs.model(workspace, ref);
        }
        AdapterCatalog.Entry adapter;
        try {
            adapter = new AdapterCatalog(workspace).find(ref);
        } catch (TrainingInputException e) {
            throw new TrainingInputException("model: '" + ref + "' is neither a model (name, id or path) nor an adapter"
                    + " of this workspace (run id, hash prefix or PEFT folder)", e);
        }
        return TrainingRefs.model(workspace, adapter.baseModel());
    }

    private synchronized Tokenizer tokenizer(ModelRecord model) {
        return models.computeIfAbsent(model.id(), id -> ModelFiles.open(model.location())).tokenizer();
    }

    /** A frozen version by full root or unique prefix, in any dataset of the workspace. */
    private DatasetVersion version(String root) {
        if (root == null || root.isBlank()) {
            throw new TrainingInputException("version: a dataset version root is required");
        }
        DatasetVersion known = versionRefs.get(root);
        if (known == null) {
            known = resolveVersion(root);
            versionRefs.put(root, known);
        }
        return known;
    }

    private DatasetVersion resolveVersion(String root) {
        if (root == null || root.isBlank()) {
            throw new TrainingInputException("version: a dataset version root is required");
        }
        for (DatasetInfo ds : store.list()) {
            try {
                Optional<DatasetVersion> v = store.version(ds.id(), root.strip());
                if (v.isPresent()) {
                    return v.get();
                }
            } catch (AmbiguousReferenceException e) {
                throw new TrainingInputException("version: " + e.getMessage(), e);
            }
        }
        throw new TrainingInputException("version: no frozen dataset version with root '" + root + "' in "
                + workspace.root());
    }

    @Override
    public synchronized void close() {
        open.values().forEach(o -> o.index().close());
        open.clear();
        models.values().forEach(ModelFiles::close);
        models.clear();
    }
}
