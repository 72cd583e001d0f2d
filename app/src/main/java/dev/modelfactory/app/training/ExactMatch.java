package dev.modelfactory.app.training;

import dev.modelfactory.engine.adapter.MergedWeights;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.generate.DecodeSession;
import dev.modelfactory.engine.generate.GenerationRequest;
import dev.modelfactory.engine.generate.GenerationResult;
import dev.modelfactory.engine.generate.Generator;
import dev.modelfactory.engine.generate.SamplerConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.train.data.ChatFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact-match accuracy of greedy answers: each prompt rendered with the model's chat template (ChatML when
 * it has none) and a generation prompt, decoded greedily until an end-of-generation token, compared with
 * the reference answer after trimming whitespace. With an adapter, the adapter is merged into the base
 * weights first (the same function as applying it on the fly).
 */
public final class ExactMatch {

    /** Accuracy and every answer, in order. */
    public record Result(int correct, int total, List<String> answers) {
        public double accuracy() {
            return total == 0 ? 0 : (double) correct / total;
        }
    }

    private ExactMatch() {
    }

    public static Result evaluate(ModelFiles model, PeftAdapter adapter, List<RowConversions.EvalItem> items,
            Backend backend, int maxTokens) {
        ModelWeights w = adapter == null ? model.weights() : new MergedWeights(model.weights(), model.config(), adapter);
        ChatTemplate template = model.chatFormat().template();
        var tok = model.tokenizer();
        int correct = 0;
        List<String> answers = new ArrayList<>();
        try (LlamaModel m = LlamaModel.load(model.config(), w, backend)) {
            for (RowConversions.EvalItem item : items) {
                String prompt = template.render(item.prompt(), true);
                int[] ids = tok.encode(prompt, tok.addBosByDefault(), true);
                GenerationRequest.Builder req = GenerationRequest.builder(ids).maxTokens(maxTokens)
                        .sampling(SamplerConfig.greedy());
                for (int id = 0; id < tok.vocabSize(); id++) {
                    if (tok.isEndOfGeneration(id)) {
                        req.stopToken(id);
                    }
                }
                int capacity = Math.min(m.config().maxSeqLen(), ids.length + maxTokens + 1);
                GenerationResult r;
                try (LlamaSession s = m.newSession(capacity)) {
                    r = new Generator(tok::decode).generate(DecodeSession.of(s), req.build(), (t, text) -> { },
                            () -> false);
                }
                String answer = r.text().strip();
                answers.add(answer);
                if (answer.equals(item.expected().strip())) {
                    correct++;
                }
            }
        }
        return new Result(correct, items.size(), answers);
    }

    /** The format's template (for callers that render prompts the same way). */
    static ChatTemplate template(ChatFormat f) {
        return f.template();
    }
}
