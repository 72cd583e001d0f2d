package dev.modelfactory.ledger.dataset.check;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.RowHash;
import java.util.Arrays;

/**
 * The shingle set of a row for near-duplicate search: 64-bit hashes of its word n-grams (default
 * {@value #DEFAULT_WORDS} words) over the normalised text ({@link RowHash#normaliseText}: case,
 * spacing and Unicode forms do not matter). A row shorter than n words is one shingle of all its
 * words. Returned sorted and distinct, so the Jaccard similarity of two rows is that of two sets.
 */
public final class Shingles {

    /** Words per shingle: 3 keeps short instruction rows comparable while ignoring word-order noise. */
    public static final int DEFAULT_WORDS = 3;

    private Shingles() {
    }

    /** The shingles of a row's text and message contents (roles included, so a question and its answer differ). */
    public static long[] of(Conversation row, int words) {
        return distinct(hashes(row, words));
    }

    /** The shingles of already normalised text (words separated by single spaces). */
    public static long[] of(String normalised, int words) {
        return distinct(hashes(normalised, words));
    }

    /**
     * The shingle hashes of a row in text order, repeats included: enough for a MinHash signature (a
     * minimum ignores order and repeats) and cheaper than {@link #of}, which sorts.
     */
    public static long[] hashes(Conversation row, int words) {
        StringBuilder sb = new StringBuilder();
        if (row.text() != null) {
            sb.append(row.text());
        }
        for (Message m : row.messages()) {
            sb.append(' ').append(m.role().wire()).append(": ").append(m.content());
        }
        return hashes(RowHash.normaliseText(sb.toString()), words);
    }

    private static long[] hashes(String normalised, int words) {
        if (normalised.isEmpty()) {
            return new long[0];
        }
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < normalised.length(); i++) {
            if (normalised.charAt(i) == ' ') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        int shingles = Math.max(1, count - words + 1);
        long[] out = new long[shingles];
        for (int s = 0; s < shingles; s++) {
            int end = s + words < count ? starts[s + words] - 1 : normalised.length();
            out[s] = hash(normalised, starts[s], end);
        }
        return out;
    }

    private static long[] distinct(long[] out) {
        Arrays.sort(out);
        int distinct = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[distinct++] = out[i];
            }
        }
        return Arrays.copyOf(out, distinct);
    }

    /** Exact Jaccard similarity of two sorted distinct sets. */
    public static double jaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    /** FNV-1a over the UTF-16 units, then a 64-bit finaliser so every bit depends on every character. */
    private static long hash(String s, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
