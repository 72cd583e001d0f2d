package dev.modelfactory.engine.attribution.spans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpanIndexTest {

    @TempDir
    Path dir;

    /** Brute force over the documents themselves (never over the concatenated text). */
    record Docs(List<int[]> docs, List<Integer> rows) {

        int longest(int[] q, int start) {
            int best = 0;
            for (int[] d : docs) {
                for (int p = 0; p < d.length; p++) {
                    int k = 0;
                    while (start + k < q.length && p + k < d.length && d[p + k] == q[start + k]) {
                        k++;
                    }
                    best = Math.max(best, k);
                }
            }
            return best;
        }

        /** Occurrences of q[from, to): count, and per row the smallest global text position. */
        long count(int[] q, int from, int to, TreeMap<Integer, Integer> firstByRow) {
            long c = 0;
            int base = 0;
            for (int di = 0; di < docs.size(); di++) {
                int[] d = docs.get(di);
                for (int p = 0; p + (to - from) <= d.length; p++) {
                    if (Arrays.equals(d, p, p + to - from, q, from, to)) {
                        c++;
                        firstByRow.merge(rows.get(di), base + p, Math::min);
                    }
                }
                base += d.length + 1;
            }
            return c;
        }
    }

    static Docs randomDocs(Random r, int docs, int alphabet, int maxLen) {
        List<int[]> ds = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        int row = 0;
        for (int i = 0; i < docs; i++) {
            int[] d = new int[1 + r.nextInt(maxLen)];
            for (int j = 0; j < d.length; j++) {
                d[j] = r.nextInt(alphabet);
            }
            ds.add(d);
            rows.add(row);
            if (r.nextInt(3) == 0) {
                row++; // several documents (messages) per row
            }
        }
        return new Docs(ds, rows);
    }

    SpanIndex write(Docs docs, String name) {
        SpanCorpus.Builder b = new SpanCorpus.Builder();
        for (int i = 0; i < docs.docs().size(); i++) {
            b.add(docs.rows().get(i), docs.docs().get(i));
        }
        Path f = dir.resolve(name);
        SpanIndexFile.write(f, b.build());
        return SpanIndexFile.open(f);
    }

    /** A query mixing corpus pieces (so long matches exist, some across document ends) with noise. */
    static int[] query(Random r, Docs docs, int alphabet) {
        int[] all = docs.docs().stream().flatMapToInt(Arrays::stream).toArray();
        int[] q = new int[5 + r.nextInt(40)];
        for (int i = 0; i < q.length; ) {
            if (r.nextBoolean() && all.length > 0) {
                int p = r.nextInt(all.length);
                for (int k = 0; k < 2 + r.nextInt(10) && i < q.length && p + k < all.length; k++) {
                    q[i++] = all[p + k];
                }
            } else {
                q[i++] = r.nextInt(alphabet + 1);
            }
        }
        return q;
    }

    @Test
    void queriesEqualBruteForce() {
        Random r = new Random(2026);
        for (int round = 0; round < 12; round++) {
            int alphabet = round % 3 == 0 ? 2 : round % 3 == 1 ? 4 : 30;
            Docs docs = randomDocs(r, 1 + r.nextInt(60), alphabet, 1 + r.nextInt(40));
            try (SpanIndex idx = write(docs, "r" + round + ".sa")) {
                for (int qi = 0; qi < 15; qi++) {
                    int[] q = query(r, docs, alphabet);
                    int[] expectLongest = new int[q.length];
                    for (int i = 0; i < q.length; i++) {
                        expectLongest[i] = docs.longest(q, i);
                    }
                    assertArrayEquals(expectLongest, idx.longestMatches(q), "query " + Arrays.toString(q));
                    int minLen = 1 + r.nextInt(4);
                    SpanQuery opts = SpanQuery.defaults().withMinLength(minLen).withMaxRows(3);
                    assertEquals(bruteSpans(docs, q, expectLongest, opts), idx.spans(q, opts), "spans of " + Arrays.toString(q));
                }
            }
        }
    }

    /** Maximal spans by the definition: a longest match at its start, not inside another such span. */
    static List<SpanMatch> bruteSpans(Docs docs, int[] q, int[] longest, SpanQuery opts) {
        List<SpanMatch> out = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            int end = i + longest[i];
            if (longest[i] < opts.minLength()) {
                continue;
            }
            boolean contained = false;
            for (int j = 0; j < q.length; j++) {
                if (j != i && j <= i && j + longest[j] >= end) {
                    contained = true;
                }
            }
            if (!contained) {
                TreeMap<Integer, Integer> first = new TreeMap<>();
                long c = docs.count(q, i, end, first);
                List<SpanOccurrence> occ = new ArrayList<>();
                int base = 0;
                for (var e : first.entrySet()) {
                    if (occ.size() < opts.maxRows()) {
                        occ.add(new SpanOccurrence(e.getKey(), docOf(docs, e.getValue()), e.getValue()));
                    }
                }
                out.add(new SpanMatch(i, end, c, occ, first.size(), true));
            }
        }
        return out;
    }

    static int docOf(Docs docs, int pos) {
        int base = 0;
        for (int d = 0; d < docs.docs().size(); d++) {
            base += docs.docs().get(d).length + 1;
            if (pos < base) {
                return d;
            }
        }
        throw new AssertionError(pos);
    }

    @Test
    void matchesNeverRunAcrossADocumentEnd() {
        Docs docs = new Docs(List.of(new int[] {1, 2, 3}, new int[] {4, 5, 6}), List.of(0, 1));
        try (SpanIndex idx = write(docs, "sep.sa")) {
            int[] q = {2, 3, 4, 5};
            assertArrayEquals(new int[] {2, 1, 2, 1}, idx.longestMatches(q));
            assertEquals(0, idx.count(q, 0, 4));
            assertEquals(List.of(), idx.spans(q, SpanQuery.defaults().withMinLength(3)));
            List<SpanMatch> two = idx.spans(q, SpanQuery.defaults().withMinLength(2));
            assertEquals(List.of(new SpanMatch(0, 2, 1, List.of(new SpanOccurrence(0, 0, 1)), 1, true),
                    new SpanMatch(2, 4, 1, List.of(new SpanOccurrence(1, 1, 4)), 1, true)), two);
            // A query that names the separator itself matches nothing.
            assertArrayEquals(new int[] {1, 0, 1}, idx.longestMatches(new int[] {3, -1, 4}));
        }
    }

    @Test
    void roundTripKeepsEverything() {
        SpanCorpus c = new SpanCorpus.Builder().add(0, new int[] {7, 8, 9}).add(0, new int[] {})
                .add(2, new int[] {9, 7}).rows(4).build();
        try (SpanIndex idx = SpanIndexFile.open(writeTo(c, "rt.sa"))) {
            assertEquals(2, idx.documentCount());
            assertEquals(4, idx.rowCount());
            assertEquals(5, idx.tokenCount());
            assertArrayEquals(c.text(), idx.tokens(0, idx.length()));
            assertArrayEquals(new int[] {7, 8, 9, -1, 9, 7, -1}, c.text());
            int[] sa = new int[idx.length()];
            for (int i = 0; i < sa.length; i++) {
                sa[i] = idx.suffix(i);
            }
            assertArrayEquals(SuffixArraysTest.naive(c.text()), sa);
            assertEquals(0, idx.docStart(0));
            assertEquals(3, idx.docEnd(0));
            assertEquals(4, idx.docStart(1));
            assertEquals(2, idx.documentRow(1));
            assertEquals(1, idx.documentOf(5));
            assertEquals(2, idx.count(new int[] {9}, 0, 1));
        }
    }

    Path writeTo(SpanCorpus c, String name) {
        Path f = dir.resolve(name);
        SpanIndexFile.write(f, c);
        assertTrue(java.nio.file.Files.exists(f));
        return f;
    }
}
