package dev.modelfactory.engine.generate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to generate: the prompt's token ids (at least one, e.g. BOS for an empty prompt), a token budget,
 * sampling settings and stop conditions: stop tokens (e.g. EOS), stop sequences of token ids, and stop
 * strings matched in the decoded text (needs a {@link TokenDecoder}).
 */
public record GenerationRequest(int[] prompt, int maxTokens, SamplerConfig sampling, Set<Integer> stopTokens,
        List<int[]> stopSequences, List<String> stopStrings) {

    public GenerationRequest {
        if (prompt == null || prompt.length == 0) {
            throw new IllegalArgumentException("the prompt needs at least one token (e.g. BOS)");
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("max tokens must be >= 0, got " + maxTokens);
        }
        prompt = prompt.clone();
        stopTokens = Set.copyOf(stopTokens);
        stopSequences = stopSequences.stream().map(int[]::clone).toList();
        stopStrings = List.copyOf(stopStrings);
        for (int[] seq : stopSequences) {
            if (seq.length == 0) {
                throw new IllegalArgumentException("a stop sequence needs at least one token");
            }
        }
    }

    @Override
    public int[] prompt() {
        return prompt.clone();
    }

    public static Builder builder(int... prompt) {
        return new Builder(prompt);
    }

    /** Builder: greedy, 256 tokens, no stop conditions unless added. */
    public static final class Builder {
        private final int[] prompt;
        private int maxTokens = 256;
        private SamplerConfig sampling = SamplerConfig.greedy();
        private final Set<Integer> stopTokens = new LinkedHashSet<>();
        private final List<int[]> stopSequences = new ArrayList<>();
        private final List<String> stopStrings = new ArrayList<>();

        private Builder(int[] prompt) {
            this.prompt = prompt.clone();
        }

        public Builder maxTokens(int n) {
            maxTokens = n;
            return this;
        }

        public Builder sampling(SamplerConfig s) {
            sampling = s;
            return this;
        }

        public Builder stopToken(int token) {
            stopTokens.add(token);
            return this;
        }

        public Builder stopSequence(int... tokens) {
            stopSequences.add(tokens.clone());
            return this;
        }

        public Builder stopString(String text) {
            stopStrings.add(text);
            return this;
        }

        public GenerationRequest build() {
            return new GenerationRequest(prompt, maxTokens, sampling, stopTokens, stopSequences, stopStrings);
        }
    }
}
