package dev.modelfactory.ledger.dataset.check;

import java.util.Arrays;

/**
 * Groups rows into near-duplicate clusters: rows are added one by one with their MinHash signature,
 * and two rows that share any LSH band key end up in the same cluster (union-find, so clusters are
 * the connected components of the candidate graph).
 *
 * <p>Memory: {@code 8 x bands} bytes per row for the band keys, plus 24 bytes per row for one band's
 * hash table at a time and 4 for the union-find parent (about 120 bytes per row with 11 bands).
 * Not thread-safe.
 */
public final class LshClusterer {

    private final LshBands lsh;
    private long[][] keys;
    private int size;

    public LshClusterer(LshBands lsh, int expectedRows) {
        this.lsh = lsh;
        this.keys = new long[lsh.bands()][Math.max(16, expectedRows)];
    }

    /** Adds the next row (indices count from 0 in the order of adding); returns its index. */
    public int add(int[] signature) {
        long[] k = lsh.keys(signature);
        if (size == keys[0].length) {
            for (int b = 0; b < keys.length; b++) {
                keys[b] = Arrays.copyOf(keys[b], size * 2);
            }
        }
        for (int b = 0; b < k.length; b++) {
            keys[b][size] = k[b];
        }
        return size++;
    }

    public int size() {
        return size;
    }

    /**
     * For every row, the smallest index in its cluster (a row alone is its own root). Frees the band
     * keys: call once.
     */
    public int[] roots() {
        int[] parent = new int[size];
        for (int i = 0; i < size; i++) {
            parent[i] = i;
        }
        LongIntTable firstWithKey = new LongIntTable(size);
        for (int b = 0; b < keys.length; b++) {
            firstWithKey.clear();
            long[] band = keys[b];
            for (int i = 0; i < size; i++) {
                int first = firstWithKey.putIfAbsent(band[i], i);
                if (first >= 0) {
                    union(parent, first, i);
                }
            }
            keys[b] = null;
        }
        for (int i = 0; i < size; i++) {
            parent[i] = find(parent, i);
        }
        return parent;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins two clusters under the smaller root, so a root is always its cluster's smallest index. */
    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }

    /** Open addressing from a long key to the first int value stored with it. */
    private static final class LongIntTable {
        private final long[] keys;
        private final int[] values;
        private final boolean[] used;
        private final int mask;

        LongIntTable(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
            keys = new long[cap];
            values = new int[cap];
            used = new boolean[cap];
            mask = cap - 1;
        }

        void clear() {
            Arrays.fill(used, false);
        }

        /** Stores {@code value} under {@code key} if absent and returns -1; else returns the stored value. */
        int putIfAbsent(long key, int value) {
            int i = (int) Shingles.mix(key) & mask;
            while (used[i]) {
                if (keys[i] == key) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            keys[i] = key;
            values[i] = value;
            return -1;
        }
    }
}
