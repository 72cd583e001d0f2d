package dev.modelfactory.engine.tokenizer;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.gguf.GgufArray;
import dev.modelfactory.engine.format.gguf.GgufFile;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tokenizer embedded in a GGUF file ({@code tokenizer.ggml.*}): {@code model = llama} gives an
 * {@link SpmTokenizer}, {@code model = gpt2} a {@link BpeTokenizer}. Special ids outside the vocabulary
 * (llama.cpp writes u32 -1 for "none") read as absent.
 */
public final class GgufTokenizers {

    private GgufTokenizers() {
    }

    public static Tokenizer from(GgufFile f) {
        String model = f.getString("tokenizer.ggml.model").orElseThrow(
                () -> ModelFormatException.field(f.source(), "tokenizer.ggml.model", "missing: no embedded tokenizer"));
        Vocabulary vocab = vocabulary(f);
        return switch (model) {
            case "llama" -> new SpmTokenizer(vocab, f.getBoolean("tokenizer.ggml.add_space_prefix").orElse(true),
                    f.getBoolean("tokenizer.ggml.add_bos_token").orElse(true));
            case "gpt2" -> {
                String pre = f.getString("tokenizer.ggml.pre").orElse(null);
                List<String> merges = f.getArray("tokenizer.ggml.merges")
                        .map(a -> Arrays.asList(strings(f, "tokenizer.ggml.merges", a)))
                        .orElseThrow(() -> ModelFormatException.field(f.source(), "tokenizer.ggml.merges", "missing"));
                boolean bos = f.getBoolean("tokenizer.ggml.add_bos_token").orElse(!"qwen2".equals(pre));
                yield new BpeTokenizer(vocab, merges, PreTokenizer.forGgufPre(pre), bos);
            }
            default -> throw ModelFormatException.field(f.source(), "tokenizer.ggml.model", "unsupported tokenizer "
                    + model + " (supported: llama, gpt2)");
        };
    }

    static Vocabulary vocabulary(GgufFile f) {
        String[] tokens = f.getArray("tokenizer.ggml.tokens").map(a -> strings(f, "tokenizer.ggml.tokens", a))
                .orElseThrow(() -> ModelFormatException.field(f.source(), "tokenizer.ggml.tokens", "missing"));
        int n = tokens.length;
        float[] scores = f.getArray("tokenizer.ggml.scores").map(a -> {
            if (!(a.values() instanceof float[] s) || s.length != n) {
                throw ModelFormatException.field(f.source(), "tokenizer.ggml.scores", "must be " + n + " float32 values");
            }
            return s;
        }).orElse(null);
        TokenType[] types = f.getArray("tokenizer.ggml.token_type").map(a -> {
            if (!(a.values() instanceof long[] t) || t.length != n) {
                throw ModelFormatException.field(f.source(), "tokenizer.ggml.token_type", "must be " + n + " integers");
            }
            return Arrays.stream(t).mapToObj(TokenType::fromId).toArray(TokenType[]::new);
        }).orElse(null);
        Set<Integer> ends = new HashSet<>();
        ends.add(id(f, "tokenizer.ggml.eot_token_id", n));
        ends.add(id(f, "tokenizer.ggml.eom_token_id", n));
        return new Vocabulary(tokens, scores, types, id(f, "tokenizer.ggml.bos_token_id", n),
                id(f, "tokenizer.ggml.eos_token_id", n), id(f, "tokenizer.ggml.unknown_token_id", n), ends);
    }

    private static int id(GgufFile f, String key, int n) {
        long v = f.getLong(key).orElse(-1L);
        return v >= 0 && v < n ? (int) v : -1;
    }

    private static String[] strings(GgufFile f, String key, GgufArray a) {
        if (!(a.values() instanceof String[] s)) {
            throw ModelFormatException.field(f.source(), key, "must be an array of strings");
        }
        return s;
    }
}
