package dev.modelfactory.ledger.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Train / validation / test assignment stratified by a group (the store uses a row's set of tags): each
 * group is split on its own by {@link Splitter#assign} with the same ratios, so every group is divided
 * by those ratios (up to rounding within the group), and the result is as deterministic as
 * {@link Splitter}'s: it depends only on the rows' keys, their groups and the seed behind the keys.
 */
public final class StratifiedSplitter {

    private StratifiedSplitter() {
    }

    /**
     * @param keys   each row's key ({@link Splitter#key}), in the caller's row order
     * @param strata each row's group, {@code 0..groups-1}, index for index with {@code keys}
     * @return the split of each row, index for index with {@code keys}
     */
    public static Split[] assign(SplitSpec spec, long[] keys, int[] strata) {
        if (keys.length != strata.length) {
            throw new IllegalArgumentException("one stratum per key: " + keys.length + " keys, " + strata.length + " strata");
        }
        List<int[]> members = groups(strata);
        Split[] out = new Split[keys.length];
        for (int[] rows : members) {
            long[] sub = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sub[i] = keys[rows[i]];
            }
            Split[] splits = Splitter.assign(spec, sub);
            for (int i = 0; i < rows.length; i++) {
                out[rows[i]] = splits[i];
            }
        }
        return out;
    }

    /** The row indexes of each stratum, ascending (so ties keep the caller's order, as in {@link Splitter}). */
    private static List<int[]> groups(int[] strata) {
        int groups = 0;
        for (int s : strata) {
            if (s < 0) {
                throw new IllegalArgumentException("a stratum is >= 0, got " + s);
            }
            groups = Math.max(groups, s + 1);
        }
        int[] sizes = new int[groups];
        for (int s : strata) {
            sizes[s]++;
        }
        List<int[]> out = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            out.add(new int[sizes[g]]);
        }
        int[] fill = new int[groups];
        for (int i = 0; i < strata.length; i++) {
            out.get(strata[i])[fill[strata[i]]++] = i;
        }
        return out;
    }
}
