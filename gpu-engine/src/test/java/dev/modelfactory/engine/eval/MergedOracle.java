package dev.modelfactory.engine.eval;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.generate.DecodeSession;
import dev.modelfactory.engine.generate.GenerationRequest;
import dev.modelfactory.engine.generate.Generator;
import dev.modelfactory.engine.generate.SamplerConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.engine.train.data.ChatFormat;
import dev.modelfactory.engine.train.data.Conversation;
import dev.modelfactory.engine.train.data.ExampleEncoder;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.data.TruncationPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference the runner is tested against: one system on its own, with the adapter merged into the
 * weights (the caller passes a model loaded from {@code MergedWeights}), each item computed plainly:
 * generation by {@link Generator} one item at a time, loss and choices by a full prefill of the whole
 * sequence with no delta and a log-softmax per position.
 */
final class MergedOracle {

    private final LlamaModel model;
    private final Tokenizer tok;
    private final ChatTemplate template;

    MergedOracle(LlamaModel model, Tokenizer tok, ChatTemplate template) {
        this.model = model;
        this.tok = tok;
        this.template = template;
    }

    static LlamaModel load(EvalModel m, Backend be) {
        return LlamaModel.load(m.config(), m.weights(), be);
    }

    String generate(EvalItem item, SamplerConfig sampling, int maxTokens) {
        int[] ids = tok.encode(template.render(item.prompt(), true), tok.addBosByDefault(), true);
        GenerationRequest.Builder g = GenerationRequest.builder(ids).maxTokens(maxTokens).sampling(sampling);
        for (int id = 0; id < tok.vocabSize(); id++) {
            if (tok.isEndOfGeneration(id)) {
                g.stopToken(id);
            }
        }
        try (LlamaSession s = model.newSession(ids.length + maxTokens)) {
            return new Generator(tok::decode).generate(DecodeSession.of(s), g.build(), (t, x) -> { }, () -> false)
                    .text();
        }
    }

    double loss(EvalItem item) {
        List<ChatTemplate.Message> msgs = new ArrayList<>(item.prompt());
        msgs.add(new ChatTemplate.Message("assistant", item.reference()));
        TrainingExample e = new ExampleEncoder(new ChatFormat(template), tok, 4096, TruncationPolicy.KEEP_START)
                .encode(new Conversation(msgs));
        float[] logits = allLogits(e.tokens());
        double sum = 0;
        int n = 0;
        for (int i = 1; i < e.length(); i++) {
            if (e.response()[i]) {
                sum -= LikelihoodPass.logProb(logits, (i - 1) * tok.vocabSize(), tok.vocabSize(), e.tokens()[i]);
                n++;
            }
        }
        return sum / n;
    }

    String choose(EvalItem item) {
        String prompt = template.render(item.prompt(), true);
        int[] p = tok.encode(prompt, tok.addBosByDefault(), true);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < item.choices().size(); c++) {
            int[] full = tok.encode(prompt + item.choices().get(c), tok.addBosByDefault(), true);
            int start = 0;
            while (start < p.length && p[start] == full[start]) {
                start++;
            }
            float[] logits = allLogits(full);
            double score = 0;
            for (int j = start; j < full.length; j++) {
                score += LikelihoodPass.logProb(logits, (j - 1) * tok.vocabSize(), tok.vocabSize(), full[j]);
            }
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return item.choices().get(best);
    }

    private float[] allLogits(int[] tokens) {
        try (LlamaSession s = model.newSession(tokens.length)) {
            return s.appendAll(Arrays.copyOf(tokens, tokens.length));
        }
    }
}
