package dev.modelfactory.app.attribution;

import dev.modelfactory.ledger.retrieval.RetrievalHit;
import dev.modelfactory.ledger.retrieval.RetrievalIndexBuilder;
import dev.modelfactory.ledger.retrieval.RetrievalIndexSummary;
import dev.modelfactory.ledger.retrieval.RetrievalSearcher;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Retrieval over a workspace's frozen dataset versions: one BM25 index per version under
 * {@code <workspace>/indexes/retrieval/<versionRoot>/}, built once ({@link #index}), queried by
 * {@link #retrieve}. Only rows whose contributor allowed {@link #USE} are in an index. Thread-safe: builds of
 * one version are serialised, searchers are opened once and shared; {@link #close} releases them.
 */
public final class RetrievalService implements AutoCloseable {

    /** Rows whose contributor allowed this use are indexed (grounding shapes outputs, as training does). */
    public static final dev.modelfactory.ledger.dataset.Use USE = RetrievalIndexBuilder.USE;
    /** Sources put into a grounded prompt unless the caller asks otherwise. */
    public static final int DEFAULT_K = 4;

    private final Workspace workspace;
    private final DatasetStore store;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RetrievalSearcher> searchers = new ConcurrentHashMap<>();

    public RetrievalService(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.store = new DatasetStore(workspace);
    }

    /** Where the index of {@code versionRoot} (a full root) lives. */
    public Path indexFolder(String versionRoot) {
        return workspace.root().resolve("indexes").resolve("retrieval").resolve(versionRoot);
    }

    /** Every dataset's versions, datasets by name, versions oldest first. */
    public List<RetrievalVersion> versions() {
        List<RetrievalVersion> out = new ArrayList<>();
        for (DatasetInfo d : store.list()) {
            List<DatasetVersion> vs = store.versions(d.id());
            for (int i = 0; i < vs.size(); i++) {
                DatasetVersion v = vs.get(i);
                out.add(new RetrievalVersion(d.name(), i + 1, v.root(), v.label(), v.rowCount(),
                        RetrievalIndexBuilder.isComplete(indexFolder(v.root()), v.root())));
            }
        }
        return out;
    }

    /** Whether the version (root or unique prefix) has a complete index. */
    public boolean isIndexed(String versionRoot) {
        DatasetVersion v = resolve(versionRoot);
        return RetrievalIndexBuilder.isComplete(indexFolder(v.root()), v.root());
    }

    /**
     * Builds the version's index unless a complete one exists (then returns at once, {@code built} false).
     *
     * @param versionRoot a version's root or unique root prefix (at least 6 hex characters)
     * @throws IllegalArgumentException if no dataset has that version
     * @throws java.util.concurrent.CancellationException if cancelled (nothing is left behind)
     */
    public RetrievalIndexSummary index(String versionRoot, ProgressListener progress, CancellationToken cancel) {
        DatasetVersion v = resolve(versionRoot);
        synchronized (locks.computeIfAbsent(v.root(), r -> new Object())) {
            return RetrievalIndexBuilder.ensure(store, v, indexFolder(v.root()), progress, cancel);
        }
    }

    /**
     * The {@code k} rows of the version that best match {@code queryText} (BM25), best first, with their
     * contributors. Builds the index first if it is missing (without progress: call {@link #index} for that).
     */
    public List<RetrievalHit> retrieve(String versionRoot, String queryText, int k) {
        Objects.requireNonNull(queryText, "queryText");
        return searcher(versionRoot).search(queryText, k);
    }

    private RetrievalSearcher searcher(String versionRoot) {
        DatasetVersion v = resolve(versionRoot);
        RetrievalSearcher open = searchers.get(v.root());
        if (open != null) {
            return open;
        }
        synchronized (locks.computeIfAbsent(v.root(), r -> new Object())) {
            open = searchers.get(v.root());
            if (open == null) {
                RetrievalIndexBuilder.ensure(store, v, indexFolder(v.root()), ProgressListener.NONE, CancellationToken.NONE);
                open = RetrievalSearcher.open(indexFolder(v.root()), v.root());
                searchers.put(v.root(), open);
            }
            return open;
        }
    }

    private DatasetVersion resolve(String versionRoot) {
        Objects.requireNonNull(versionRoot, "versionRoot");
        String root = versionRoot.trim().toLowerCase(java.util.Locale.ROOT);
        if (!root.matches("[0-9a-f]{6,64}")) {
            throw new IllegalArgumentException("version: \"" + versionRoot + "\" is not a version root (6 to 64 hex characters)");
        }
        for (DatasetInfo d : store.list()) {
            Optional<DatasetVersion> v = store.version(d.id(), root);
            if (v.isPresent()) {
                return v.get();
            }
        }
        throw new IllegalArgumentException("version: no dataset has a version " + versionRoot);
    }

    @Override
    public void close() {
        for (RetrievalSearcher s : searchers.values()) {
            s.close();
        }
        searchers.clear();
    }
}
