package dev.modelfactory.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    /** A scripted model over a vocabulary of 26 letters: after token t it strongly predicts t + 1. */
    private static final class Counting implements DecodeSession {
        private final int capacity;
        private int position;

        Counting(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public float[] append(int[] tokens) {
            position += tokens.length;
            float[] logits = new float[26];
            logits[(tokens[tokens.length - 1] + 1) % 26] = 10f;
            return logits;
        }

        @Override
        public int position() {
            return position;
        }

        @Override
        public int capacity() {
            return capacity;
        }
    }

    private static final TokenDecoder LETTERS = tokens -> {
        StringBuilder b = new StringBuilder();
        for (int t : tokens) {
            b.append((char) ('a' + t));
        }
        return b.toString();
    };

    @Test
    void runsToTheTokenBudgetAndCounts() {
        GenerationResult r = new Generator().generate(new Counting(64), GenerationRequest.builder(1).maxTokens(5).build(),
                TokenListener.none(), CancellationToken.never());
        assertThat(r.tokens()).containsExactly(2, 3, 4, 5, 6);
        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(r.promptTokens()).isEqualTo(1);
        assertThat(r.generatedTokens()).isEqualTo(5);
        assertThat(r.decodeSteps()).isEqualTo(4);
        assertThat(r.text()).isNull();
    }

    @Test
    void stopsOnAStopTokenWithoutEmittingIt() {
        GenerationResult r = new Generator().generate(new Counting(64),
                GenerationRequest.builder(1).stopToken(4).build(), TokenListener.none(), CancellationToken.never());
        assertThat(r.tokens()).containsExactly(2, 3);
        assertThat(r.stopReason()).isEqualTo(StopReason.STOP_TOKEN);
    }

    @Test
    void stopsOnATokenSequenceAndRemovesIt() {
        GenerationResult r = new Generator(LETTERS).generate(new Counting(64),
                GenerationRequest.builder(1).stopSequence(4, 5).stopSequence(9).build(), TokenListener.none(),
                CancellationToken.never());
        assertThat(r.tokens()).containsExactly(2, 3);
        assertThat(r.text()).isEqualTo("cd");
        assertThat(r.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
    }

    @Test
    void stopsOnDecodedTextAndCutsBeforeIt() {
        List<String> streamed = new ArrayList<>();
        GenerationResult r = new Generator(LETTERS).generate(new Counting(64),
                GenerationRequest.builder(1).stopString("ef").build(), (t, text) -> streamed.add(text),
                CancellationToken.never());
        assertThat(r.text()).isEqualTo("cd");
        assertThat(r.stopReason()).isEqualTo(StopReason.STOP_TEXT);
        assertThat(streamed).containsExactly("c", "d", "e", "f");
    }

    @Test
    void cancellationStopsAtTheNextStep() {
        CancellationFlag cancel = new CancellationFlag();
        List<Integer> seen = new ArrayList<>();
        GenerationResult r = new Generator().generate(new Counting(64), GenerationRequest.builder(1).maxTokens(100).build(),
                (t, text) -> {
                    seen.add(t);
                    if (seen.size() == 3) {
                        cancel.cancel();
                    }
                }, cancel);
        assertThat(r.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(r.tokens()).containsExactly(2, 3, 4);
        assertThat(seen).containsExactly(2, 3, 4);
    }

    @Test
    void stopsWhenTheContextIsFull() {
        GenerationResult r = new Generator().generate(new Counting(4), GenerationRequest.builder(1).maxTokens(100).build(),
                TokenListener.none(), CancellationToken.never());
        assertThat(r.stopReason()).isEqualTo(StopReason.CONTEXT_FULL);
        assertThat(r.tokens()).containsExactly(2, 3, 4, 5);
        assertThatThrownBy(() -> new Generator().generate(new Counting(2), GenerationRequest.builder(1, 2, 3).build(),
                TokenListener.none(), CancellationToken.never())).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> GenerationRequest.builder().build()).hasMessageContaining("BOS");
    }

    @Test
    void onARandomLlamaGreedyIsArgmaxTopK1IsGreedyAndSeedsReplay() {
        LlamaConfig c = LlamaConfig.builder().dim(32).hiddenDim(48).heads(4).kvHeads(2).vocabSize(61).maxSeqLen(64).build();
        try (Backend be = Backends.best(); LlamaModel model = LlamaModel.load(c, RandomWeights.create(c, 11), be)) {
            int[] prompt = {1, 5, 9};
            int[] greedy = run(model, prompt, SamplerConfig.greedy());
            int[] manual = new int[greedy.length];
            try (LlamaSession s = model.newSession()) {
                float[] logits = s.append(prompt);
                for (int i = 0; i < manual.length; i++) {
                    manual[i] = Sampler.argmax(logits);
                    logits = s.append(manual[i]);
                }
            }
            assertThat(greedy).containsExactly(manual);
            assertThat(run(model, prompt, SamplerConfig.temperature(1.5f, 3).withTopK(1))).containsExactly(greedy);
            int[] a = run(model, prompt, SamplerConfig.temperature(1.5f, 99));
            assertThat(run(model, prompt, SamplerConfig.temperature(1.5f, 99))).containsExactly(a);
            assertThat(run(model, prompt, SamplerConfig.temperature(1.5f, 100))).isNotEqualTo(a);
        }
    }

    private static int[] run(LlamaModel model, int[] prompt, SamplerConfig sampling) {
        try (LlamaSession s = model.newSession()) {
            GenerationResult r = new Generator().generate(DecodeSession.of(s),
                    GenerationRequest.builder(prompt).maxTokens(20).sampling(sampling).build(), TokenListener.none(),
                    CancellationToken.never());
            assertThat(r.generatedTokens()).isEqualTo(20);
            assertThat(r.prefillTokensPerSecond()).isPositive();
            assertThat(r.decodeTokensPerSecond()).isPositive();
            return r.tokens();
        }
    }
}
