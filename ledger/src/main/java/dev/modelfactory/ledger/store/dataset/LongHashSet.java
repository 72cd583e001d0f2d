package dev.modelfactory.ledger.store.dataset;

/**
 * An open-addressing set of longs: 8 bytes a slot instead of ~100 for a {@code HashSet<String>}, so an
 * import can remember a million rows' duplicate keys in ~16 MB. Zero is stored out of band.
 */
final class LongHashSet {

    private long[] slots = new long[1 << 12];
    private int size;
    private boolean hasZero;

    /** @return true if the value was not present */
    boolean add(long value) {
        if (value == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        return insert(slots, value);
    }

    /** @return true if the value is present */
    boolean contains(long value) {
        if (value == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        int i = (int) mix(value) & mask;
        while (slots[i] != 0) {
            if (slots[i] == value) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    private boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int i = (int) mix(value) & mask;
        while (table[i] != 0) {
            if (table[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = value;
        if (table == slots) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long v : old) {
            if (v != 0) {
                insert(slots, v);
            }
        }
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        return v;
    }
}
