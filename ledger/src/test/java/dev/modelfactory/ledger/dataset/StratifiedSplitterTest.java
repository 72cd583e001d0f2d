package dev.modelfactory.ledger.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StratifiedSplitterTest {

    private static final SplitSpec SPEC = new SplitSpec(0.8, 0.1, 0.1, 5);

    @Test
    void oneStratumIsThePlainSplit() {
        long[] keys = new Random(1).longs(101).toArray();
        assertThat(StratifiedSplitter.assign(SPEC, keys, new int[keys.length])).isEqualTo(Splitter.assign(SPEC, keys));
    }

    @Test
    void eachStratumIsSplitOnItsOwnByTheRatios() {
        long[] keys = new Random(2).longs(130).toArray();
        int[] strata = new int[130];
        Arrays.fill(strata, 100, 130, 1); // 100 rows in stratum 0, 30 in stratum 1
        Split[] out = StratifiedSplitter.assign(SPEC, keys, strata);
        assertThat(count(out, 0, 100, Split.TRAIN)).isEqualTo(80);
        assertThat(count(out, 0, 100, Split.VALIDATION)).isEqualTo(10);
        assertThat(count(out, 100, 130, Split.TRAIN)).isEqualTo(24);
        assertThat(count(out, 100, 130, Split.VALIDATION)).isEqualTo(3);
        assertThat(count(out, 100, 130, Split.TEST)).isEqualTo(3);
        // within a stratum the assignment is the plain split of that stratum's keys
        assertThat(Arrays.copyOfRange(out, 100, 130)).isEqualTo(Splitter.assign(SPEC, Arrays.copyOfRange(keys, 100, 130)));
    }

    @Test
    void mismatchedInputIsRefused() {
        assertThatThrownBy(() -> StratifiedSplitter.assign(SPEC, new long[2], new int[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StratifiedSplitter.assign(SPEC, new long[1], new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long count(Split[] splits, int from, int to, Split which) {
        return Arrays.stream(splits, from, to).filter(s -> s == which).count();
    }
}
