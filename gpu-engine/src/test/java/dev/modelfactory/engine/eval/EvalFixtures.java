package dev.modelfactory.engine.eval;

import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.tokenizer.SpmTokenizer;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.engine.tokenizer.Vocabulary;
import dev.modelfactory.engine.train.data.ChatFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small random GQA Llama (vocabulary 320: the deterministic SentencePiece vocabulary of the GGUF writer),
 * its tokenizer, the ChatML template, and a suite mixing the three task kinds.
 */
public final class EvalFixtures {

    public static final int VOCAB = 320;

    private EvalFixtures() {
    }

    public static LlamaConfig config() {
        return LlamaConfig.builder().dim(32).hiddenDim(48).layers(2).heads(4).kvHeads(2).vocabSize(VOCAB)
                .maxSeqLen(192).ropeStyle(RopeStyle.INTERLEAVED).build();
    }

    public static Tokenizer tokenizer() {
        LlamaGguf.Vocab v = LlamaGguf.vocabulary(VOCAB);
        return new SpmTokenizer(new Vocabulary(v.tokens().toArray(String[]::new), v.scores(), null, 1, 2, 0, Set.of()),
                true, true);
    }

    public static ChatTemplate template() {
        return new ChatTemplate(ChatFormat.CHATML, "", "");
    }

    public static EvalModel model(String name, ModelWeights weights) {
        return new EvalModel(name, config(), weights, tokenizer(), template());
    }

    public static EvalModel randomModel(long seed) {
        return model("random-" + seed, RandomWeights.create(config(), seed));
    }

    /** {@code n} items of each kind: generation (4 metrics), loss, multiple choice (3 choices). */
    public static EvalSuite suite(int n) {
        String[] colours = {"red", "green", "blue", "black", "white", "pink", "grey", "gold"};
        List<EvalItem> gen = new ArrayList<>();
        List<EvalItem> loss = new ArrayList<>();
        List<EvalItem> mc = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String c = colours[i % colours.length];
            gen.add(EvalItem.of("g" + i, "what colour is item " + i + "?", "it is " + c));
            loss.add(EvalItem.of("l" + i, "name a colour " + i, "the colour " + c + " and " + colours[(i + 3) % 8]));
            mc.add(new EvalItem("m" + i, List.of(new ChatTemplate.Message("user", "pick " + c)), colours[(i + 1) % 8],
                    List.of(c, colours[(i + 1) % 8], colours[(i + 2) % 8] + " one"), 1, List.of("t" + (i % 2)), ""));
        }
        return new EvalSuite("mixed", 1, "", List.of(
                new EvalTask("answers", TaskKind.GENERATION, List.of(Metric.EXACT_MATCH, Metric.CONTAINS,
                        Metric.TOKEN_F1, Metric.BLEU), null, null, gen),
                new EvalTask("held-out", TaskKind.LOSS, List.of(Metric.LOSS), null, null, loss),
                new EvalTask("choices", TaskKind.MULTIPLE_CHOICE, List.of(Metric.CHOICE_ACCURACY), null, null, mc)));
    }
}
