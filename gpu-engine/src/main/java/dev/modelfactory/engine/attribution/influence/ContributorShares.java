package dev.modelfactory.engine.attribution.influence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Per-contributor shares of an output from row scores: each contributor's positive influence (rows with a
 * score <= 0 count nothing) over the total positive influence, in basis points that sum to exactly 10000 by
 * the largest-remainder method (remainder ties to the contributor first by name). Contributors with 0 bps
 * are left out; rows without a contributor count as {@link #UNKNOWN}. No positive influence at all: no shares.
 */
public final class ContributorShares {

    public static final String UNKNOWN = "(unknown)";
    public static final int TOTAL = 10_000;

    /** One contributor's share, largest first in {@link #of}'s result. */
    public record Share(String contributor, int basisPoints, double influence) {
    }

    private ContributorShares() {
    }

    /** @param contributors row i's contributor ("" or null: unknown); {@code scores[i]} row i's influence */
    public static List<Share> of(List<String> contributors, double[] scores) {
        if (contributors.size() != scores.length) {
            throw new IllegalArgumentException(contributors.size() + " contributors for " + scores.length + " scores");
        }
        Map<String, Double> positive = new LinkedHashMap<>();
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > 0 && Double.isFinite(scores[i])) {
                String c = contributors.get(i) == null || contributors.get(i).isBlank() ? UNKNOWN : contributors.get(i);
                positive.merge(c, scores[i], Double::sum);
                total += scores[i];
            }
        }
        if (!(total > 0)) {
            return List.of();
        }
        List<String> names = new ArrayList<>(positive.keySet());
        names.sort(Comparator.naturalOrder());
        int[] bps = new int[names.size()];
        double[] rem = new double[names.size()];
        int given = 0;
        for (int i = 0; i < names.size(); i++) {
            double exact = positive.get(names.get(i)) / total * TOTAL;
            bps[i] = (int) Math.floor(exact);
            rem[i] = exact - bps[i];
            given += bps[i];
        }
        PriorityQueue<Integer> byRemainder = new PriorityQueue<>((a, b) -> rem[a] != rem[b]
                ? Double.compare(rem[b], rem[a]) : Integer.compare(a, b));
        for (int i = 0; i < names.size(); i++) {
            byRemainder.add(i);
        }
        for (int left = TOTAL - given; left > 0; left--) {
            bps[byRemainder.poll()]++;
        }
        List<Share> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (bps[i] > 0) {
                out.add(new Share(names.get(i), bps[i], positive.get(names.get(i))));
            }
        }
        out.sort(Comparator.comparingInt(Share::basisPoints).reversed().thenComparing(Share::contributor));
        return List.copyOf(out);
    }

    /** Indices of the {@code k} highest scores, highest first (ties: lower index first). */
    public static int[] top(double[] scores, int k) {
        int n = Math.min(k, scores.length);
        PriorityQueue<Integer> heap = new PriorityQueue<>((a, b) -> scores[a] != scores[b]
                ? Double.compare(scores[a], scores[b]) : Integer.compare(b, a));
        for (int i = 0; i < scores.length; i++) {
            heap.add(i);
            if (heap.size() > n) {
                heap.poll();
            }
        }
        int[] out = new int[heap.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = heap.poll();
        }
        return out;
    }
}
