package dev.modelfactory.ledger.store.dataset;

import java.util.Arrays;

/** A growable array of longs: a million row ids in 8 MB instead of 16+ as boxed Longs. */
final class LongArray {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
