package dev.modelfactory.engine.attribution.influence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContributorSharesTest {

    private static int sum(List<ContributorShares.Share> s) {
        return s.stream().mapToInt(ContributorShares.Share::basisPoints).sum();
    }

    @Test
    void thirdsGoByLargestRemainderAndSumToTenThousand() {
        List<ContributorShares.Share> s = ContributorShares.of(List.of("b", "a", "c"), new double[] {1, 1, 1});
        assertThat(s).extracting(ContributorShares.Share::contributor).containsExactly("a", "b", "c");
        assertThat(s).extracting(ContributorShares.Share::basisPoints).containsExactly(3334, 3333, 3333);
    }

    @Test
    void onlyPositiveInfluenceCountsAndRowsAddUpPerContributor() {
        List<ContributorShares.Share> s = ContributorShares.of(List.of("x", "y", "x", "z", ""),
                new double[] {1, 3, 2, -100, 2});
        assertThat(s).extracting(ContributorShares.Share::contributor).containsExactly("x", "y", ContributorShares.UNKNOWN);
        assertThat(s).extracting(ContributorShares.Share::basisPoints).containsExactly(3750, 3750, 2500);
    }

    @Test
    void tinySharesRoundingToZeroAreLeftOut() {
        List<ContributorShares.Share> s = ContributorShares.of(List.of("big", "tiny"), new double[] {1, 1e-7});
        assertThat(s).extracting(ContributorShares.Share::contributor).containsExactly("big");
        assertThat(sum(s)).isEqualTo(10_000);
    }

    @Test
    void noPositiveInfluenceNoShares() {
        assertThat(ContributorShares.of(List.of("a", "b"), new double[] {-1, 0})).isEmpty();
    }

    @Test
    void randomScoresAlwaysSumToExactlyTenThousand() {
        SplittableRandom r = new SplittableRandom(8);
        for (int k = 0; k < 200; k++) {
            int n = 1 + r.nextInt(300);
            List<String> who = new ArrayList<>();
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                who.add("c" + r.nextInt(1 + r.nextInt(40)));
                scores[i] = r.nextGaussian() * Math.pow(10, r.nextInt(6));
            }
            List<ContributorShares.Share> s = ContributorShares.of(who, scores);
            if (Arrays.stream(scores).anyMatch(x -> x > 0)) {
                assertThat(sum(s)).as("case %d", k).isEqualTo(10_000);
                assertThat(s).allMatch(x -> x.basisPoints() > 0);
            }
        }
    }
}
