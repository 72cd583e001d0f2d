package dev.modelfactory.engine.attribution.spans;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A memory-mapped span index (see {@link SpanIndexFile} for the layout), answering Infini-gram style
 * questions: for each start in a query, the longest run of tokens that occurs verbatim in one document of
 * the corpus, and the maximal such spans with their occurrence counts and rows. Thread-safe for queries;
 * {@link #close()} unmaps (no query may run then).
 */
public final class SpanIndex implements AutoCloseable {

    private final Path file;
    private final MemorySegment seg;
    private final Arena arena;
    private final int docs;
    private final int rows;
    private final int n;
    private final long startsOff;
    private final long rowsOff;
    private final long textOff;
    private final long saOff;

    SpanIndex(Path file, MemorySegment seg, Arena arena, int docs, int rows, int n) {
        this.file = file;
        this.seg = seg;
        this.arena = arena;
        this.docs = docs;
        this.rows = rows;
        this.n = n;
        this.startsOff = SpanIndexFile.HEADER;
        this.rowsOff = startsOff + 4L * docs;
        this.textOff = rowsOff + 4L * docs;
        this.saOff = textOff + 4L * n;
    }

    /** Checks what the readers rely on, so a crafted file fails here and not as a wrong read later. */
    void checkStructure() {
        int prevEnd = 0;
        for (int d = 0; d < docs; d++) {
            int s = docStart(d);
            if (s != prevEnd) {
                throw corrupt("document " + d + " starts at " + s + ", expected " + prevEnd);
            }
            int r = documentRow(d);
            if (r < 0 || r >= rows) {
                throw corrupt("document " + d + " belongs to row " + r + ", outside 0.." + (rows - 1));
            }
            int e = d + 1 < docs ? docStart(d + 1) : n;
            if (e <= s || e > n || token(e - 1) != SpanCorpus.SEPARATOR) {
                throw corrupt("document " + d + " does not end with a separator before the next (end " + e + ")");
            }
            prevEnd = e;
        }
        if (prevEnd != n) {
            throw corrupt("documents cover " + prevEnd + " of " + n + " text positions");
        }
        for (int i = 0; i < n; i++) {
            if (token(i) < SpanCorpus.SEPARATOR) {
                throw corrupt("text position " + i + " holds " + token(i) + ", neither a token id nor the separator");
            }
            int p = suffix(i);
            if (p < 0 || p >= n) {
                throw corrupt("suffix array entry " + i + " is " + p + ", outside the text");
            }
        }
    }

    private SpanIndexFormatException corrupt(String what) {
        return new SpanIndexFormatException(file, "corrupt: " + what);
    }

    public Path file() {
        return file;
    }

    public int documentCount() {
        return docs;
    }

    public int rowCount() {
        return rows;
    }

    /** Text length: tokens plus one separator per document. */
    public int length() {
        return n;
    }

    public long tokenCount() {
        return (long) n - docs;
    }

    /** The token id at a text position, or -1 for a separator. */
    public int token(int pos) {
        return seg.get(SpanIndexFile.INT, textOff + 4L * pos);
    }

    /** Start of the suffix at rank {@code i} of the suffix array. */
    public int suffix(int i) {
        return seg.get(SpanIndexFile.INT, saOff + 4L * i);
    }

    public int docStart(int d) {
        return seg.get(SpanIndexFile.INT, startsOff + 4L * d);
    }

    /** One past the document's last token (where its separator is). */
    public int docEnd(int d) {
        return (d + 1 < docs ? docStart(d + 1) : n) - 1;
    }

    public int documentRow(int d) {
        return seg.get(SpanIndexFile.INT, rowsOff + 4L * d);
    }

    /** The document holding text position {@code pos}. */
    public int documentOf(int pos) {
        int lo = 0;
        int hi = docs - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (docStart(mid) <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The tokens of text positions {@code [from, to)}. */
    public int[] tokens(int from, int to) {
        if (from < 0 || to > n || from > to) {
            throw new IndexOutOfBoundsException("tokens [" + from + ", " + to + ") of a text of " + n);
        }
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = token(from + i);
        }
        return out;
    }

    /** For each start {@code i}, the length of the longest {@code query[i, i+L)} occurring in the corpus. */
    public int[] longestMatches(int[] query) {
        int[] out = new int[query.length];
        for (int i = 0; i < query.length; i++) {
            out[i] = match(query, i)[0];
        }
        return out;
    }

    /** How often {@code query[from, to)} occurs in the corpus (0 when it does not; the text length for empty). */
    public long count(int[] query, int from, int to) {
        int lo = 0;
        int hi = n;
        for (int k = 0; k < to - from && lo < hi; k++) {
            long r = refine(lo, hi, k, query[from + k]);
            lo = (int) (r >>> 32);
            hi = (int) r;
        }
        return hi - lo;
    }

    /**
     * The maximal spans of {@code query} of at least {@code q.minLength()} tokens, in order of start. The end
     * of the longest match never moves left as the start moves right, so a span is maximal exactly when its
     * end lies beyond the previous start's.
     */
    public List<SpanMatch> spans(int[] query, SpanQuery q) {
        List<SpanMatch> out = new ArrayList<>();
        int prevEnd = 0;
        for (int i = 0; i < query.length; i++) {
            int[] m = match(query, i);
            int end = i + m[0];
            if (m[0] >= q.minLength() && end > prevEnd) {
                out.add(describe(i, end, m[1], m[2], q));
            }
            prevEnd = Math.max(prevEnd, end);
        }
        return out;
    }

    /** {length, lo, hi}: the longest match at {@code start} and its suffix-array interval. */
    private int[] match(int[] query, int start) {
        int lo = 0;
        int hi = n;
        int k = 0;
        while (start + k < query.length) {
            int t = query[start + k];
            if (t < 0) {
                break; // never matches a separator
            }
            long r = refine(lo, hi, k, t);
            int nlo = (int) (r >>> 32);
            int nhi = (int) r;
            if (nlo >= nhi) {
                break;
            }
            lo = nlo;
            hi = nhi;
            k++;
        }
        return new int[] {k, lo, hi};
    }

    /**
     * Within {@code [lo, hi)}, whose suffixes share their first {@code k} tokens, the sub-interval whose
     * token at offset {@code k} is {@code t}, packed as {@code lo << 32 | hi}.
     */
    private long refine(int lo, int hi, int k, int t) {
        int a = lo;
        int b = hi;
        while (a < b) { // first with token >= t
            int mid = (a + b) >>> 1;
            if (at(suffix(mid), k) < t) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        int first = a;
        b = hi;
        while (a < b) { // first with token > t
            int mid = (a + b) >>> 1;
            if (at(suffix(mid), k) <= t) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return ((long) first << 32) | (a & 0xFFFFFFFFL);
    }

    /** Token at offset {@code k} of the suffix at {@code pos}; past the end sorts below the separator. */
    private int at(int pos, int k) {
        long p = (long) pos + k;
        return p < n ? token((int) p) : SpanCorpus.SEPARATOR - 1;
    }

    private SpanMatch describe(int start, int end, int lo, int hi, SpanQuery q) {
        TreeMap<Integer, SpanOccurrence> byRow = new TreeMap<>();
        int scan = (int) Math.min(hi - lo, q.scanLimit());
        for (int j = lo; j < lo + scan; j++) {
            int pos = suffix(j);
            int d = documentOf(pos);
            int row = documentRow(d);
            SpanOccurrence seen = byRow.get(row);
            if (seen == null || pos < seen.position()) {
                byRow.put(row, new SpanOccurrence(row, d, pos));
            }
        }
        List<SpanOccurrence> listed = byRow.values().stream().limit(q.maxRows()).toList();
        return new SpanMatch(start, end, hi - lo, listed, byRow.size(), hi - lo <= q.scanLimit());
    }

    @Override
    public void close() {
        arena.close();
    }
}
