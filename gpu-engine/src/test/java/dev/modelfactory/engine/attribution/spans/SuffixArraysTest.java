package dev.modelfactory.engine.attribution.spans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SuffixArraysTest {

    /** The reference: every suffix compared token by token, a proper prefix first. */
    static int[] naive(int[] text) {
        Integer[] idx = new Integer[text.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int i = a;
            int j = b;
            while (i < text.length && j < text.length) {
                int c = Integer.compare(text[i], text[j]);
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
            return Integer.compare(text.length - i, text.length - j);
        });
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    static int[] random(Random r, int n, int alphabet, double separators) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextDouble() < separators ? -1 : r.nextInt(alphabet);
        }
        return t;
    }

    @Test
    void equalsNaiveSortOnRandomTexts() {
        Random r = new Random(12);
        for (int n : new int[] {1, 2, 3, 5, 17, 100, 1000, 5000}) {
            for (int alphabet : new int[] {1, 2, 3, 50, 70000}) {
                for (double sep : new double[] {0, 0.05}) {
                    int[] t = random(r, n, alphabet, sep);
                    assertArrayEquals(naive(t), SuffixArrays.build(t), "n=" + n + " alphabet=" + alphabet + " sep=" + sep);
                }
            }
        }
    }

    @Test
    void equalsNaiveSortOnHighlyRepetitiveTexts() {
        Random r = new Random(7);
        for (int rep = 0; rep < 20; rep++) {
            int[] unit = random(r, 1 + r.nextInt(6), 3, 0.1);
            int copies = 1 + r.nextInt(300);
            int[] t = new int[unit.length * copies + r.nextInt(3)];
            for (int i = 0; i < t.length; i++) {
                t[i] = i < unit.length * copies ? unit[i % unit.length] : 1;
            }
            assertArrayEquals(naive(t), SuffixArrays.build(t), "unit " + Arrays.toString(unit) + " x" + copies);
        }
        int[] same = new int[4000];
        assertArrayEquals(naive(same), SuffixArrays.build(same));
    }

    @Test
    void emptyTextHasEmptyArray() {
        assertArrayEquals(new int[0], SuffixArrays.build(new int[0]));
    }

    @Test
    void refusesValuesBelowTheSeparator() {
        assertThrows(IllegalArgumentException.class, () -> SuffixArrays.build(new int[] {3, -2, 1}));
    }
}
