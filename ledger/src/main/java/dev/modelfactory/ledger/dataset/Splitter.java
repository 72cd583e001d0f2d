package dev.modelfactory.ledger.dataset;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Deterministic train / validation / test assignment.
 *
 * <p>Each row gets a key: the first 8 bytes, as an unsigned big-endian number, of
 * {@code sha256(seed as 8 bytes big-endian || row hash as 32 bytes)}. Rows are ordered by key (ties,
 * which only identical rows produce, keep the caller's order, which the store makes row-hash order);
 * the first {@code round(n * train)} are train, the next {@code round(n * validation)} validation, the
 * rest test. So counts match the ratios exactly (up to rounding) even for tiny datasets, and the result
 * depends only on the rows' content and the seed, not on import order or machine.
 */
public final class Splitter {

    private Splitter() {
    }

    /** The ordering key of a row (see the class comment). */
    public static long key(long seed, String rowHashHex) {
        MessageDigest d = RowHash.sha256();
        d.update(ByteBuffer.allocate(8).putLong(seed).array());
        d.update(HexFormat.of().parseHex(rowHashHex));
        return ByteBuffer.wrap(d.digest()).getLong();
    }

    /**
     * Assigns splits to rows given their keys (see {@link #key}), in the caller's row order.
     *
     * @return the split of each row, index for index with {@code keys}
     */
    public static Split[] assign(SplitSpec spec, long[] keys) {
        int n = keys.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compareUnsigned(keys[a], keys[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        long train = Math.min(n, Math.round(n * spec.train()));
        long validation = Math.min(n - train, Math.round(n * spec.validation()));
        Split[] out = new Split[n];
        for (int rank = 0; rank < n; rank++) {
            out[order[rank]] = rank < train ? Split.TRAIN : rank < train + validation ? Split.VALIDATION : Split.TEST;
        }
        return out;
    }
}
