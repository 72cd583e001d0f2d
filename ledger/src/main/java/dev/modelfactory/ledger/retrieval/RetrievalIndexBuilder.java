package dev.modelfactory.ledger.retrieval;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds the BM25 index of one frozen dataset version into a folder, once: written into a temporary
 * sibling folder and renamed into place only when complete, so a crash or a cancel never leaves a half
 * index where a reader would look (temporary folders left by a crash are removed by the next build).
 *
 * <p>Callers serialise builds of one folder (the workspace lock keeps other processes out).
 */
public final class RetrievalIndexBuilder {

    /**
     * The use a contributor must allow for their rows to be indexed. Grounding puts a row's content into the
     * model's prompt to shape its output, which is what TRAIN allows (the row shapes outputs); EVAL only
     * lets a row judge a model and ATTRIBUTION_PUBLIC only names people.
     */
    public static final Use USE = Use.TRAIN;

    static final String TEXT = "text";
    static final String ROW_ID = "row_id";
    static final String ROW_HASH = "row_hash";
    static final String CONTRIBUTOR = "contributor";
    private static final String TEMP_INFIX = ".tmp-";
    private static final int PAGE = 1000;

    private RetrievalIndexBuilder() {
    }

    /** The analysis of row text and queries alike: English tokens, lower case, stop words out, stemmed. */
    static Analyzer analyzer() {
        return new EnglishAnalyzer();
    }

    /** Whether {@code folder} holds a complete index of the version {@code root} in the current format. */
    public static boolean isComplete(Path folder, String root) {
        return RetrievalManifest.read(folder).filter(m -> m.isCurrentFor(root)).isPresent();
    }

    /**
     * Makes sure {@code folder} holds a complete index of {@code version}: returns at once if it does,
     * otherwise builds it (progress in rows read of the version's row count).
     *
     * @throws java.util.concurrent.CancellationException if cancelled; nothing is left behind
     */
    public static RetrievalIndexSummary ensure(DatasetStore store, DatasetVersion version, Path folder,
                                               ProgressListener progress, CancellationToken cancel) {
        Optional<RetrievalManifest> existing = RetrievalManifest.read(folder).filter(m -> m.isCurrentFor(version.root()));
        if (existing.isPresent()) {
            return summary(existing.get(), folder, false);
        }
        try {
            Path parent = folder.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            String name = folder.getFileName().toString();
            removeStaleTemps(parent, name);
            Path temp = Files.createTempDirectory(parent, name + TEMP_INFIX);
            try {
                RetrievalManifest written = write(store, version, temp, progress, cancel);
                if (Files.exists(folder)) {
                    deleteTree(folder); // not a complete current index (checked above): an older format or debris
                }
                Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
                return summary(written, folder, true);
            } catch (IOException | RuntimeException | Error e) {
                deleteTree(temp);
                throw e;
            }
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            return RetrievalManifest.read(folder).filter(m -> m.isCurrentFor(version.root()))
                    .map(m -> summary(m, folder, false))
                    .orElseThrow(() -> new UncheckedIOException("Cannot put the retrieval index in place at " + folder, raced));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the retrieval index at " + folder + ": " + e.getMessage(), e);
        }
    }

    private static RetrievalManifest write(DatasetStore store, DatasetVersion version, Path into,
                                           ProgressListener progress, CancellationToken cancel) throws IOException {
        long indexed = 0;
        long excluded = 0;
        IndexWriterConfig config = new IndexWriterConfig(analyzer()).setSimilarity(new BM25Similarity())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setCommitOnClose(false);
        try (FSDirectory dir = FSDirectory.open(into); IndexWriter writer = new IndexWriter(dir, config)) {
            progress.onProgress(0, version.rowCount());
            for (long offset = 0;; offset += PAGE) {
                cancel.throwIfCancellationRequested();
                List<DatasetRow> page = store.versionRows(version, null, offset, PAGE);
                for (DatasetRow row : page) {
                    if (!row.allowedUses().contains(USE)) {
                        excluded++;
                        continue;
                    }
                    writer.addDocument(document(row));
                    indexed++;
                }
                progress.onProgress(offset + page.size(), version.rowCount());
                if (page.size() < PAGE) {
                    break;
                }
            }
            cancel.throwIfCancellationRequested();
            writer.commit();
        }
        RetrievalManifest manifest = new RetrievalManifest(RetrievalManifest.FORMAT, version.root(), indexed, excluded);
        manifest.write(into);
        return manifest;
    }

    private static Document document(DatasetRow row) {
        Document d = new Document();
        d.add(new TextField(TEXT, text(row.content()), Field.Store.YES));
        d.add(new StoredField(ROW_ID, row.id()));
        d.add(new StringField(ROW_HASH, row.rowHash(), Field.Store.YES));
        d.add(new StringField(CONTRIBUTOR, row.contributor() == null ? "" : row.contributor(), Field.Store.YES));
        return d;
    }

    /** A row's text as indexed and shown: every message's content, then the raw text, one per line. */
    public static String text(Conversation c) {
        StringBuilder b = new StringBuilder();
        for (Message m : c.messages()) {
            b.append(m.content()).append('\n');
        }
        if (c.text() != null) {
            b.append(c.text());
        }
        return b.toString().strip();
    }

    private static RetrievalIndexSummary summary(RetrievalManifest m, Path folder, boolean built) {
        return new RetrievalIndexSummary(m.versionRoot(), folder, m.rowsIndexed(), m.rowsExcluded(), built);
    }

    private static void removeStaleTemps(Path parent, String name) throws IOException {
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, name + TEMP_INFIX + "*")) {
            for (Path stale : siblings) {
                deleteTree(stale);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
