package dev.modelfactory.engine.attribution.spans;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Suffix array construction by SA-IS (Nong, Zhang and Chan, 2009): linear time, int arrays only, working
 * space of one int per text position plus one byte of suffix types and one bucket array per level.
 *
 * <p>The text is a sequence of ints {@code >= -1}, where -1 is the document separator. Suffixes are ordered
 * lexicographically by signed value, a suffix that is a prefix of another sorting first (as if the text
 * ended in a value smaller than every other), which is what {@link SpanIndex} queries assume.
 */
public final class SuffixArrays {

    private SuffixArrays() {
    }

    /** The suffix array of {@code text}; values must be {@code >= -1}. */
    public static int[] build(int[] text) {
        return build(text, p -> { });
    }

    /**
     * As {@link #build(int[])}, calling {@code phase} with 1..3 as each top-level SA-IS stage starts (for
     * progress; the stages take roughly equal time).
     */
    public static int[] build(int[] text, IntConsumer phase) {
        int n = text.length;
        if (n == 0) {
            return new int[0];
        }
        if (n == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a text of " + n + " symbols is too long for an int suffix array");
        }
        // Shift to an alphabet with a unique smallest sentinel 0 at the end: separator -1 -> 1, token t -> t + 2.
        int[] s = new int[n + 1];
        int max = 0;
        for (int i = 0; i < n; i++) {
            int v = text[i];
            if (v < -1 || v > Integer.MAX_VALUE - 2) {
                throw new IllegalArgumentException("text[" + i + "] = " + v + " is not a token id (>= 0) or separator (-1)");
            }
            s[i] = v + 2;
            max = Math.max(max, v + 2);
        }
        s[n] = 0;
        int[] sa = new int[n + 1];
        sais(s, 0, sa, 0, n + 1, max + 1, phase);
        return Arrays.copyOfRange(sa, 1, n + 1); // sa[0] is the sentinel
    }

    /** SA-IS of {@code s[sOff, sOff+n)} (last symbol the unique smallest, 0) into {@code sa[saOff, saOff+n)}. */
    private static void sais(int[] s, int sOff, int[] sa, int saOff, int n, int k, IntConsumer phase) {
        boolean[] t = new boolean[n]; // true = S-type
        t[n - 1] = true;
        if (n >= 2) {
            t[n - 2] = false;
        }
        for (int i = n - 3; i >= 0; i--) {
            int a = s[sOff + i];
            int b = s[sOff + i + 1];
            t[i] = a < b || (a == b && t[i + 1]);
        }
        int[] bkt = new int[k];
        // Stage 1: sort the LMS substrings by inducing from their buckets' ends.
        phase.accept(1);
        buckets(s, sOff, n, bkt, true);
        Arrays.fill(sa, saOff, saOff + n, -1);
        for (int i = 1; i < n; i++) {
            if (isLms(t, i)) {
                sa[saOff + --bkt[s[sOff + i]]] = i;
            }
        }
        induceL(t, sa, saOff, s, sOff, bkt, n);
        induceS(t, sa, saOff, s, sOff, bkt, n);
        int n1 = 0;
        for (int i = 0; i < n; i++) {
            if (isLms(t, sa[saOff + i])) {
                sa[saOff + n1++] = sa[saOff + i];
            }
        }
        // Name the LMS substrings; equal substrings share a name.
        Arrays.fill(sa, saOff + n1, saOff + n, -1);
        int name = 0;
        int prev = -1;
        for (int i = 0; i < n1; i++) {
            int pos = sa[saOff + i];
            boolean diff = false;
            for (int d = 0; d < n; d++) {
                if (prev == -1 || s[sOff + pos + d] != s[sOff + prev + d] || t[pos + d] != t[prev + d]) {
                    diff = true;
                    break;
                } else if (d > 0 && (isLms(t, pos + d) || isLms(t, prev + d))) {
                    break;
                }
            }
            if (diff) {
                name++;
                prev = pos;
            }
            sa[saOff + n1 + pos / 2] = name - 1; // LMS positions are at least 2 apart
        }
        for (int i = n - 1, j = n - 1; i >= n1; i--) {
            if (sa[saOff + i] >= 0) {
                sa[saOff + j--] = sa[saOff + i];
            }
        }
        // Stage 2: sort the reduced string (recursively when names repeat).
        phase.accept(2);
        int s1Off = saOff + n - n1;
        if (name < n1) {
            sais(sa, s1Off, sa, saOff, n1, name, p -> { });
        } else {
            for (int i = 0; i < n1; i++) {
                sa[saOff + sa[s1Off + i]] = i;
            }
        }
        // Stage 3: induce the whole suffix array from the sorted LMS suffixes.
        phase.accept(3);
        buckets(s, sOff, n, bkt, true);
        for (int i = 1, j = 0; i < n; i++) {
            if (isLms(t, i)) {
                sa[s1Off + j++] = i;
            }
        }
        for (int i = 0; i < n1; i++) {
            sa[saOff + i] = sa[s1Off + sa[saOff + i]];
        }
        Arrays.fill(sa, saOff + n1, saOff + n, -1);
        for (int i = n1 - 1; i >= 0; i--) {
            int j = sa[saOff + i];
            sa[saOff + i] = -1;
            sa[saOff + --bkt[s[sOff + j]]] = j;
        }
        induceL(t, sa, saOff, s, sOff, bkt, n);
        induceS(t, sa, saOff, s, sOff, bkt, n);
    }

    private static boolean isLms(boolean[] t, int i) {
        return i > 0 && t[i] && !t[i - 1];
    }

    private static void buckets(int[] s, int sOff, int n, int[] bkt, boolean end) {
        Arrays.fill(bkt, 0);
        for (int i = 0; i < n; i++) {
            bkt[s[sOff + i]]++;
        }
        int sum = 0;
        for (int c = 0; c < bkt.length; c++) {
            sum += bkt[c];
            bkt[c] = end ? sum : sum - bkt[c];
        }
    }

    private static void induceL(boolean[] t, int[] sa, int saOff, int[] s, int sOff, int[] bkt, int n) {
        buckets(s, sOff, n, bkt, false);
        for (int i = 0; i < n; i++) {
            int j = sa[saOff + i] - 1;
            if (j >= 0 && !t[j]) {
                sa[saOff + bkt[s[sOff + j]]++] = j;
            }
        }
    }

    private static void induceS(boolean[] t, int[] sa, int saOff, int[] s, int sOff, int[] bkt, int n) {
        buckets(s, sOff, n, bkt, true);
        for (int i = n - 1; i >= 0; i--) {
            int j = sa[saOff + i] - 1;
            if (j >= 0 && t[j]) {
                sa[saOff + --bkt[s[sOff + j]]] = j;
            }
        }
    }
}
