package dev.modelfactory.ledger.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;

/**
 * Answers queries over one complete version index: the query text is analysed like the rows and every
 * distinct term becomes an optional clause, so a row scores the BM25 sum over the query terms it holds.
 * Thread-safe; keep one open per index and close it when done.
 */
public final class RetrievalSearcher implements AutoCloseable {

    private final FSDirectory dir;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer = RetrievalIndexBuilder.analyzer();
    private final long rows;

    private RetrievalSearcher(FSDirectory dir, DirectoryReader reader, long rows) {
        this.dir = dir;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.searcher.setSimilarity(new BM25Similarity());
        this.rows = rows;
    }

    /**
     * Opens the index of version {@code root} in {@code folder}.
     *
     * @throws IllegalStateException if the folder holds no complete index of that version
     */
    public static RetrievalSearcher open(Path folder, String root) {
        RetrievalManifest m = RetrievalManifest.read(folder).filter(x -> x.isCurrentFor(root))
                .orElseThrow(() -> new IllegalStateException("No complete retrieval index of version " + root
                        + " at " + folder + ": build it first"));
        FSDirectory dir = null;
        try {
            dir = FSDirectory.open(folder);
            return new RetrievalSearcher(dir, DirectoryReader.open(dir), m.rowsIndexed());
        } catch (IOException e) {
            try {
                if (dir != null) {
                    dir.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("Cannot open the retrieval index at " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Rows in the index. */
    public long rows() {
        return rows;
    }

    /** The {@code k} rows scoring highest for {@code query}, best first; rows sharing no term are left out. */
    public List<RetrievalHit> search(String query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        Set<String> terms = terms(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String t : terms) {
            q.add(new TermQuery(new Term(RetrievalIndexBuilder.TEXT, t)), BooleanClause.Occur.SHOULD);
        }
        try {
            TopDocs top = searcher.search(q.build(), k);
            StoredFields stored = searcher.storedFields();
            List<RetrievalHit> out = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc);
                out.add(new RetrievalHit(d.getField(RetrievalIndexBuilder.ROW_ID).numericValue().longValue(),
                        d.get(RetrievalIndexBuilder.ROW_HASH), d.get(RetrievalIndexBuilder.CONTRIBUTOR),
                        d.get(RetrievalIndexBuilder.TEXT), sd.score));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Retrieval query failed: " + e.getMessage(), e);
        }
    }

    /** The query's distinct analysed terms, at most as many as a boolean query may hold. */
    private Set<String> terms(String query) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(RetrievalIndexBuilder.TEXT, query)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < IndexSearcher.getMaxClauseCount()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot analyse the query: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            reader.close();
            dir.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the retrieval index: " + e.getMessage(), e);
        }
        analyzer.close();
    }
}
