package dev.modelfactory.ledger.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitterTest {

    private static final List<String> HASHES = IntStream.range(0, 100)
            .mapToObj(i -> RowHash.of(Conversation.ofText("row " + i))).toList();

    @Test
    void countsFollowTheRatiosAndTheSameSeedGivesTheSameSplit() {
        SplitSpec spec = new SplitSpec(0.8, 0.1, 0.1, 42);
        Split[] a = Splitter.assign(spec, keys(42, HASHES));
        Split[] b = Splitter.assign(spec, keys(42, HASHES));
        assertThat(a).isEqualTo(b);
        assertThat(Arrays.stream(a).filter(s -> s == Split.TRAIN)).hasSize(80);
        assertThat(Arrays.stream(a).filter(s -> s == Split.VALIDATION)).hasSize(10);
        assertThat(Arrays.stream(a).filter(s -> s == Split.TEST)).hasSize(10);
        Split[] other = Splitter.assign(new SplitSpec(0.8, 0.1, 0.1, 7), keys(7, HASHES));
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void aRowKeepsItsKeyWhateverElseIsInTheDataset() {
        assertThat(Splitter.key(42, HASHES.get(3))).isEqualTo(Splitter.key(42, HASHES.get(3)));
        assertThat(Splitter.key(42, HASHES.get(3))).isNotEqualTo(Splitter.key(43, HASHES.get(3)));
    }

    @Test
    void ratiosMustSumToOne() {
        assertThatThrownBy(() -> new SplitSpec(0.8, 0.3, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long[] keys(long seed, List<String> hashes) {
        return hashes.stream().mapToLong(h -> Splitter.key(seed, h)).toArray();
    }
}
