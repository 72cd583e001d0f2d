package dev.modelfactory.ledger.dataset.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MinHashTest {

    private static long[] set(long from, long to) {
        return LongStream.range(from, to).map(Shingles::mix).sorted().toArray();
    }

    @Test
    void estimateIsCloseToTheTrueJaccard() {
        MinHasher h = new MinHasher(128, 42);
        double[][] cases = {{0, 1000, 100, 1100}, {0, 1000, 500, 1500}, {0, 1000, 0, 1000}, {0, 1000, 2000, 3000},
                {0, 300, 30, 330}, {0, 50, 10, 60}};
        double totalError = 0;
        for (double[] c : cases) {
            long[] a = set((long) c[0], (long) c[1]);
            long[] b = set((long) c[2], (long) c[3]);
            double truth = Shingles.jaccard(a, b);
            double estimate = MinHasher.estimate(h.signature(a), h.signature(b));
            // standard error sqrt(J(1-J)/128) is at most 0.044: allow 3 of them
            assertThat(estimate).as("J = %.3f", truth).isCloseTo(truth, within(0.133));
            totalError += Math.abs(estimate - truth);
        }
        assertThat(totalError / cases.length).isLessThan(0.05);
        assertThat(Shingles.jaccard(set(0, 1000), set(500, 1500))).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void shinglesIgnoreCaseAndSpacingAndCountWordTriples() {
        long[] a = Shingles.of(dev.modelfactory.ledger.dataset.RowHash.normaliseText("The  quick brown FOX jumps"), 3);
        long[] b = Shingles.of("the quick brown fox jumps", 3);
        assertThat(a).containsExactly(b);
        assertThat(a).hasSize(3);
        assertThat(Shingles.of("two words", 3)).hasSize(1);
        assertThat(Shingles.of("", 3)).isEmpty();
    }

    @Test
    void signatureIgnoresOrderAndRepeats() {
        var row = dev.modelfactory.ledger.dataset.Conversation.of(java.util.List.of(
                dev.modelfactory.ledger.dataset.Message.of(dev.modelfactory.ledger.dataset.Role.USER, "a b c a b c a b c d"),
                dev.modelfactory.ledger.dataset.Message.of(dev.modelfactory.ledger.dataset.Role.ASSISTANT, "x y z")));
        MinHasher h = new MinHasher(64, 3);
        long[] raw = Shingles.hashes(row, 3);
        long[] set = Shingles.of(row, 3);
        assertThat(raw.length).isGreaterThan(set.length);
        assertThat(h.signature(raw)).containsExactly(h.signature(set));
    }

    @Test
    void bandsFollowTheThreshold() {
        LshBands at80 = LshBands.forThreshold(0.8, 128);
        assertThat(at80.bands() * at80.rows()).isLessThanOrEqualTo(128);
        assertThat(at80.probability(0.95)).isGreaterThan(0.99);
        assertThat(at80.probability(0.5)).isLessThan(0.05);
        LshBands at50 = LshBands.forThreshold(0.5, 128);
        assertThat(at50.probability(0.5)).isGreaterThan(at80.probability(0.5));
        assertThat((double) at50.rows()).isLessThan(at80.rows());
    }

    @Test
    void lshFindsPlantedNearDuplicatesAndNoRandomPairs() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                sb.append(w == 0 ? "" : " ").append("w").append(rnd.nextInt(20_000));
            }
            docs.add(sb.toString());
        }
        int originals = docs.size();
        Set<Set<Integer>> planted = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            int of = i * 37;
            String[] words = docs.get(of).split(" ");
            words[words.length - 1] = "changed" + i; // one word of 40 at the end: J = 37/39
            docs.add(String.join(" ", words));
            planted.add(Set.of(of, originals + i));
        }
        MinHasher h = new MinHasher(128, 1);
        LshClusterer c = new LshClusterer(LshBands.forThreshold(0.8, 128), 16);
        for (String d : docs) {
            c.add(h.signature(Shingles.of(d, 3)));
        }
        int[] roots = c.roots();
        Set<Set<Integer>> clusters = new HashSet<>();
        java.util.Map<Integer, Set<Integer>> byRoot = new java.util.HashMap<>();
        for (int i = 0; i < roots.length; i++) {
            byRoot.computeIfAbsent(roots[i], k -> new HashSet<>()).add(i);
        }
        byRoot.values().stream().filter(s -> s.size() > 1).forEach(clusters::add);
        assertThat(clusters).isEqualTo(planted);
        assertThat(Arrays.stream(roots).allMatch(r -> r <= Arrays.stream(roots).max().getAsInt())).isTrue();
    }
}
