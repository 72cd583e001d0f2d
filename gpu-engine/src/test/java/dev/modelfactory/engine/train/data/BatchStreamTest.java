package dev.modelfactory.engine.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.train.TrainingBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchStreamTest {

    /** Example k: tokens 1000k, 1000k+1, ... (so every token names its example); response from the middle on. */
    static List<TrainingExample> examples(int n, int maxLen, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int len = 2 + r.nextInt(maxLen - 1);
            int[] t = new int[len];
            boolean[] resp = new boolean[len];
            for (int i = 0; i < len; i++) {
                t[i] = 1000 * (k + 1) + i;
                resp[i] = i >= len / 2;
            }
            out.add(new TrainingExample(t, resp));
        }
        return out;
    }

    @Test
    void packingKeepsEveryExampleWholeInOneRowWithRestartingPositions() {
        List<TrainingExample> ex = examples(40, 12, 1);
        BatchStream s = new BatchStream(ex, 3, 16, true, true, 42, 0);
        Map<Integer, Integer> seen = new HashMap<>();
        int batches = s.batchesInEpoch(0);
        for (int b = 0; b < batches; b++) {
            TrainingBatch batch = s.next();
            for (int row = 0; row < batch.batch(); row++) {
                int at = row * batch.seqLen();
                int lastSegment = -1;
                for (int i = 0; i < batch.seqLen(); i++) {
                    int seg = batch.segments()[at + i];
                    if (seg < 0) {
                        assertThat(batch.targets()[at + i]).isEqualTo(TrainingBatch.IGNORE);
                        continue;
                    }
                    int token = batch.tokens()[at + i];
                    int k = token / 1000 - 1;
                    int pos = token % 1000;
                    TrainingExample e = ex.get(k);
                    assertThat(batch.positions()[at + i]).isEqualTo(pos);
                    if (pos == 0) {
                        assertThat(seg).isEqualTo(lastSegment + 1);
                        lastSegment = seg;
                        assertThat(seen.merge(k, 1, Integer::sum)).as("example " + k + " once per epoch").isEqualTo(1);
                        // the whole example lies in this row
                        assertThat(i + e.length()).isLessThanOrEqualTo(batch.seqLen());
                    }
                    assertThat(seg).isEqualTo(lastSegment);
                    int expectedTarget = pos + 1 < e.length() && e.response()[pos + 1] ? e.tokens()[pos + 1]
                            : TrainingBatch.IGNORE;
                    assertThat(batch.targets()[at + i]).isEqualTo(expectedTarget);
                }
            }
        }
        assertThat(seen).hasSize(40);
        assertThat(s.position()).isEqualTo(new DataPosition(1, 0));
    }

    @Test
    void sameSeedSameBatchesAndSeekResumes() {
        List<TrainingExample> ex = examples(30, 10, 2);
        BatchStream a = new BatchStream(ex, 2, 16, true, true, 7, 0);
        BatchStream b = new BatchStream(ex, 2, 16, true, true, 7, 0);
        List<TrainingBatch> first = new ArrayList<>();
        List<DataPosition> positions = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            positions.add(a.position());
            first.add(a.next());
        }
        for (int i = 0; i < 25; i++) {
            assertBatchEquals(b.next(), first.get(i));
        }
        BatchStream resumed = new BatchStream(ex, 2, 16, true, true, 7, 0);
        resumed.seek(positions.get(13));
        for (int i = 13; i < 25; i++) {
            assertBatchEquals(resumed.next(), first.get(i));
        }
        assertThat(positions.get(13).epoch()).isPositive(); // the resumed point is past an epoch boundary
    }

    @Test
    void epochsAreShuffledDifferentlyAndSeedsDiffer() {
        List<TrainingExample> ex = examples(30, 10, 3);
        BatchStream s = new BatchStream(ex, 2, 16, true, true, 7, 0);
        assertThat(s.order(0)).isNotEqualTo(s.order(1));
        assertThat(new BatchStream(ex, 2, 16, true, true, 8, 0).order(0)).isNotEqualTo(s.order(0));
        assertThat(new BatchStream(ex, 2, 16, true, false, 7, 0).order(3)).isSorted();
    }

    @Test
    void withoutPackingOneExamplePerRow() {
        List<TrainingExample> ex = examples(5, 10, 4);
        BatchStream s = new BatchStream(ex, 2, 16, false, false, 0, 0);
        assertThat(s.batchesInEpoch(0)).isEqualTo(3);
        s.next();
        s.next();
        TrainingBatch last = s.next();
        assertThat(last.batch()).isEqualTo(1); // the epoch's last batch is short
        assertThat(last.tokens()[0]).isEqualTo(5000);
        assertThat(s.atEpochStart()).isTrue();
    }

    @Test
    void refusesExamplesLongerThanTheRow() {
        assertThatThrownBy(() -> new BatchStream(examples(3, 20, 5), 1, 4, true, true, 0, 0))
                .hasMessageContaining("examples[");
    }

    private static void assertBatchEquals(TrainingBatch actual, TrainingBatch expected) {
        assertThat(actual.batch()).isEqualTo(expected.batch());
        assertThat(actual.tokens()).containsExactly(expected.tokens());
        assertThat(actual.targets()).containsExactly(expected.targets());
        assertThat(actual.positions()).containsExactly(expected.positions());
        assertThat(actual.segments()).containsExactly(expected.segments());
    }
}
