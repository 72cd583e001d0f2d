package dev.modelfactory.engine.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.train.TrainingBatch;
import dev.modelfactory.engine.train.data.TrainingExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GreedySamplerTest {

    private static final int V = 12;

    /** Logits that put 1 on (3·last + 1) mod V at every position: a chain with a known answer. */
    private static float[] chain(TrainingBatch b) {
        float[] out = new float[b.seqLen() * V];
        for (int i = 0; i < b.seqLen(); i++) {
            out[i * V + (3 * b.tokens()[i] + 1) % V] = 1;
        }
        return out;
    }

    /** The bigram model's logits with its current weights (no dropout): W[token] + b. */
    private static float[] bigram(BigramModel m, TrainingBatch b) {
        float[] out = new float[b.seqLen() * V];
        for (int i = 0; i < b.seqLen(); i++) {
            for (int j = 0; j < V; j++) {
                out[i * V + j] = m.w.value()[b.tokens()[i] * V + j] + m.b.value()[j];
            }
        }
        return out;
    }

    @Test
    void followsTheArgmaxChainUntilAStopTokenOrTheLimit() {
        // 2 -> 7 -> 10 -> 7 -> ... ; 0 -> 1 -> 4 -> 1 ...
        GreedySampler s = new GreedySampler(GreedySamplerTest::chain, V, List.of(new int[] {5, 2}, new int[] {0}),
                5, 64, id -> id == 4);
        List<int[]> answers = s.generate();
        assertThat(answers.get(0)).containsExactly(7, 10, 7, 10, 7);
        assertThat(answers.get(1)).containsExactly(1); // 4 stops it and is not part of the answer
    }

    @Test
    void neverExceedsTheContextAndBreaksTiesTowardsTheLowestId() {
        GreedySampler s = new GreedySampler(b -> new float[b.seqLen() * V], V, List.of(new int[] {3, 3, 3}), 10, 5,
                id -> false);
        assertThat(s.generate().getFirst()).containsExactly(0, 0);
        assertThatThrownBy(() -> new GreedySampler(GreedySamplerTest::chain, V, List.of(new int[5]), 4, 5, id -> false))
                .hasMessageStartingWith("prompts[0]: 5 tokens");
    }

    @Test
    void trainerReportsSamplesOnTheCadenceWithoutChangingWhatItComputes() throws InterruptedException {
        List<TrainingExample> train = TrainerFixtures.examples(24, 5);
        TrainingConfig config = TrainerFixtures.config().toBuilder().sampleEvery(4).build();
        BigramModel plain = new BigramModel(V, 7, 0);
        TrainingResult without = Trainer.builder().model(plain).config(config).train(train).build().run();

        BigramModel sampled = new BigramModel(V, 7, 0);
        Map<Integer, List<int[]>> seen = new TreeMap<>();
        List<int[]> expectedLast = new ArrayList<>();
        GreedySampler sampler = new GreedySampler(b -> bigram(sampled, b), V, List.of(new int[] {2}, new int[] {5}), 3,
                16, id -> false);
        TrainingResult with = Trainer.builder().model(sampled).config(config).train(train).sampler(sampler)
                .listener(new TrainingListener() {
                    @Override
                    public void onSamples(int step, List<int[]> answers) {
                        seen.put(step, answers);
                    }
                }).build().run();

        int total = with.steps();
        List<Integer> due = new ArrayList<>();
        for (int s = 4; s < total; s += 4) {
            due.add(s);
        }
        due.add(total);
        assertThat(seen.keySet()).containsExactlyElementsOf(due);
        assertThat(with.metrics()).hasSameSizeAs(without.metrics());
        for (int i = 0; i < total; i++) {
            assertThat(with.metrics().get(i).loss()).isEqualTo(without.metrics().get(i).loss());
        }
        assertThat(sampled.w.value()).containsExactly(plain.w.value());
        // the last report is the greedy chain of the final weights, worked out here by hand
        for (int start : new int[] {2, 5}) {
            int[] a = new int[3];
            int t = start;
            for (int k = 0; k < 3; k++) {
                int best = 0;
                for (int j = 1; j < V; j++) {
                    if (sampled.w.value()[t * V + j] + sampled.b.value()[j]
                            > sampled.w.value()[t * V + best] + sampled.b.value()[best]) {
                        best = j;
                    }
                }
                a[k] = best;
                t = best;
            }
            expectedLast.add(a);
        }
        assertThat(seen.get(total).get(0)).containsExactly(expectedLast.get(0));
        assertThat(seen.get(total).get(1)).containsExactly(expectedLast.get(1));
    }

    @Test
    void sampleSettingsAreInTheConfigHashOnlyWhenOn() {
        TrainingConfig off = TrainerFixtures.config();
        TrainingConfig on = off.toBuilder().sampleEvery(10).sampleCount(2).build();
        assertThat(off.canonicalJson()).doesNotContain("sample_");
        assertThat(on.canonicalJson()).contains("\"sample_count\":2,\"sample_every\":10,\"sample_max_tokens\":64");
        assertThat(on.sha256()).isNotEqualTo(off.sha256());
        assertThat(TrainingConfigJson.parse(on.canonicalJson())).isEqualTo(on);
        assertThatThrownBy(() -> off.toBuilder().sampleCount(0).build()).hasMessageStartingWith("sample_count:");
    }
}
