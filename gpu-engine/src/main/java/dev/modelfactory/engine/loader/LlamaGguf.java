package dev.modelfactory.engine.loader;

import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufWriter;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.WeightNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Exports a Llama-family model as a llama.cpp {@code llama}-architecture GGUF that {@link ModelLoader}
 * (and llama.cpp) load: hyper-parameters, a SentencePiece vocabulary and the weights, matrices stored as
 * the caller chooses and norms always F32.
 *
 * <p>GGUF's llama architecture means interleaved RoPE. A model trained with rotate-half RoPE (Hugging Face
 * layout) is written with its q/k rows permuted the way llama.cpp's converter does it, which computes the
 * same function under interleaved RoPE; an interleaved model is written as it is. Llama 3 RoPE scaling is
 * written as llama.cpp writes it, a {@code rope_freqs.weight} tensor of per-pair frequency divisors.
 */
public final class LlamaGguf {

    /** {@code <unk>}, {@code <s>}, {@code </s>} and the 256 byte tokens come first in every vocabulary. */
    public static final int FIXED_TOKENS = 3 + 256;

    /**
     * A SentencePiece vocabulary as GGUF stores it ({@code tokenizer.ggml.tokens/scores/token_type}).
     *
     * @param types llama.cpp token types: 1 normal, 2 unknown, 3 control, 6 byte
     */
    public record Vocab(List<String> tokens, float[] scores, int[] types) {
        public Vocab {
            tokens = List.copyOf(tokens);
            scores = scores.clone();
            types = types.clone();
            if (scores.length != tokens.size() || types.length != tokens.size()) {
                throw new IllegalArgumentException("tokens, scores and types must have one entry per token");
            }
        }

        public int size() {
            return tokens.size();
        }
    }

    private static final String SPACE = "\u2581";
    private static final String[] WORDS = {"the", "a", "of", "and", "to", "in", "is", "model", "hello", "world", "data",
        "train", "token", "it", "on", "for"};

    private LlamaGguf() {
    }

    /**
     * A small deterministic SentencePiece vocabulary of exactly {@code size} tokens: {@code <unk>},
     * {@code <s>}, {@code </s>}, {@code <0x00>..<0xFF>}, then pieces (space mark, letters, digits,
     * punctuation, whole words, two-letter pieces, then space-prefixed letter words) scored so earlier pieces win merges. Any text
     * round-trips through it: what no piece covers falls back to byte tokens.
     */
    public static Vocab vocabulary(int size) {
        if (size <= FIXED_TOKENS) {
            throw new IllegalArgumentException("a vocabulary needs more than " + FIXED_TOKENS + " tokens, got " + size);
        }
        Set<String> pieces = new LinkedHashSet<>();
        pieces.add(SPACE);
        for (char c = 'a'; c <= 'z'; c++) {
            pieces.add(String.valueOf(c));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            pieces.add(String.valueOf(c));
        }
        "0123456789.,!?'-:;()".chars().forEach(c -> pieces.add(Character.toString(c)));
        for (String w : WORDS) {
            for (int i = 2; i <= w.length(); i++) {
                pieces.add(SPACE + w.substring(0, i - 1));
                pieces.add(w.substring(0, i));
            }
            pieces.add(SPACE + w);
        }
        for (char a = 'a'; a <= 'z'; a++) {
            for (char b = 'a'; b <= 'z'; b++) {
                pieces.add("" + a + b);
            }
        }
        int wanted = size - FIXED_TOKENS;
        for (int n = 0; pieces.size() < wanted; n++) {
            pieces.add(SPACE + letters(n));
        }
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
        }
        pieces.stream().limit(wanted).forEach(tokens::add);
        float[] scores = new float[size];
        int[] types = new int[size];
        types[0] = 2;
        types[1] = 3;
        types[2] = 3;
        for (int i = 3; i < size; i++) {
            types[i] = i < FIXED_TOKENS ? 6 : 1;
            scores[i] = i < FIXED_TOKENS ? 0f : -(i - FIXED_TOKENS);
        }
        return new Vocab(tokens, scores, types);
    }

    /** Bijective base 26: 0 = a, 25 = z, 26 = aa, ... (so every n gives a different word). */
    private static String letters(int n) {
        StringBuilder b = new StringBuilder();
        for (int k = n + 1; k > 0; k = (k - 1) / 26) {
            b.append((char) ('a' + (k - 1) % 26));
        }
        return b.reverse().toString();
    }

    /** Writes {@code config} + {@code weights} with {@link #vocabulary(int) a generated vocabulary}. */
    public static void write(Path file, LlamaConfig config, ModelWeights weights, GgmlType matrixType) throws IOException {
        write(file, config, weights, matrixType, vocabulary(config.vocabSize()), file.getFileName().toString());
    }

    /**
     * Writes a complete llama GGUF atomically.
     *
     * @param matrixType F32, F16, Q8_0, Q4_0, Q4_K or Q6_K for the embedding, projections and output (K-quants
     *                   need dim and hidden dim multiples of 256); norms stay F32
     * @param name       {@code general.name}
     */
    public static void write(Path file, LlamaConfig config, ModelWeights weights, GgmlType matrixType, Vocab vocab,
                             String name) throws IOException {
        write(file, config, weights, matrixType, vocab, name, null, -1);
    }

    /**
     * As {@link #write(Path, LlamaConfig, ModelWeights, GgmlType, Vocab, String)}, plus a chat template
     * ({@code tokenizer.chat_template}, null for none) and an end-of-turn token
     * ({@code tokenizer.ggml.eot_token_id}, -1 for none) that ends generation as EOS does.
     */
    public static void write(Path file, LlamaConfig config, ModelWeights weights, GgmlType matrixType, Vocab vocab,
                             String name, String chatTemplate, int eotTokenId) throws IOException {
        Objects.requireNonNull(weights, "weights");
        if (eotTokenId >= vocab.size()) {
            throw new IllegalArgumentException("eotTokenId " + eotTokenId + " is outside the vocabulary of " + vocab.size());
        }
        if (vocab.size() != config.vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + vocab.size() + " tokens, the model " + config.vocabSize());
        }
        GgufWriter w = new GgufWriter()
                .string("general.architecture", "llama")
                .string("general.name", name)
                .u32("general.file_type", fileType(matrixType))
                .u32("llama.context_length", config.maxSeqLen())
                .u32("llama.embedding_length", config.dim())
                .u32("llama.block_count", config.layers())
                .u32("llama.feed_forward_length", config.hiddenDim())
                .u32("llama.attention.head_count", config.heads())
                .u32("llama.attention.head_count_kv", config.kvHeads())
                .u32("llama.rope.dimension_count", config.headDim())
                .f32("llama.rope.freq_base", config.ropeTheta())
                .f32("llama.attention.layer_norm_rms_epsilon", config.rmsEps())
                .u32("llama.vocab_size", config.vocabSize())
                .string("tokenizer.ggml.model", "llama")
                .strings("tokenizer.ggml.tokens", vocab.tokens().toArray(String[]::new))
                .f32s("tokenizer.ggml.scores", vocab.scores())
                .i32s("tokenizer.ggml.token_type", vocab.types())
                .u32("tokenizer.ggml.unknown_token_id", 0)
                .u32("tokenizer.ggml.bos_token_id", 1)
                .u32("tokenizer.ggml.eos_token_id", 2)
                .bool("tokenizer.ggml.add_bos_token", true)
                .bool("tokenizer.ggml.add_space_prefix", true);
        if (chatTemplate != null) {
            w.string("tokenizer.chat_template", chatTemplate);
        }
        if (eotTokenId >= 0) {
            w.u32("tokenizer.ggml.eot_token_id", eotTokenId);
        }
        boolean permute = config.ropeStyle() == RopeStyle.ROTATE_HALF;
        // Llama 3 scaling goes where llama.cpp's converter puts it: no rope.scaling.* keys, a [D/2] F32 tensor
        // of divisors of the inverse frequencies (derived from the RopeScaling, or the explicit factors).
        float[] ropeFactors = config.ropeSpec().effectiveFactors(config.headDim());
        if (ropeFactors != null) {
            w.tensor(WeightNames.ROPE_FREQS, GgmlType.F32, ropeFactors, ropeFactors.length);
        }
        tensor(w, weights, WeightNames.TOKEN_EMBD, matrixType, null);
        for (int l = 0; l < config.layers(); l++) {
            tensor(w, weights, WeightNames.attnNorm(l), GgmlType.F32, null);
            tensor(w, weights, WeightNames.attnQ(l), matrixType, permute ? config.heads() : null);
            tensor(w, weights, WeightNames.attnK(l), matrixType, permute ? config.kvHeads() : null);
            tensor(w, weights, WeightNames.attnV(l), matrixType, null);
            if (config.qkvBias()) {
                tensor(w, weights, WeightNames.attnQBias(l), GgmlType.F32, permute ? config.heads() : null);
                tensor(w, weights, WeightNames.attnKBias(l), GgmlType.F32, permute ? config.kvHeads() : null);
                tensor(w, weights, WeightNames.attnVBias(l), GgmlType.F32, null);
            }
            tensor(w, weights, WeightNames.attnOutput(l), matrixType, null);
            tensor(w, weights, WeightNames.ffnNorm(l), GgmlType.F32, null);
            tensor(w, weights, WeightNames.ffnGate(l), matrixType, null);
            tensor(w, weights, WeightNames.ffnUp(l), matrixType, null);
            tensor(w, weights, WeightNames.ffnDown(l), matrixType, null);
        }
        tensor(w, weights, WeightNames.OUTPUT_NORM, GgmlType.F32, null);
        if (!config.tiedOutput()) {
            tensor(w, weights, WeightNames.OUTPUT, matrixType, null);
        }
        w.write(file);
    }

    /**
     * llama.cpp's {@code general.file_type} (LLAMA_FTYPE_ALL_F32 = 0, MOSTLY_F16 = 1, MOSTLY_Q4_0 = 2,
     * MOSTLY_Q8_0 = 7, MOSTLY_Q4_K_S = 14, MOSTLY_Q6_K = 18).
     */
    private static int fileType(GgmlType t) {
        return switch (t) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q8_0 -> 7;
            case Q4_K -> 14;
            case Q6_K -> 18;
            default -> throw new IllegalArgumentException("matrices can be written as F32, F16, Q8_0, Q4_0, Q4_K or "
                    + "Q6_K, not " + t);
        };
    }

    /** Adds one tensor, read from {@code weights} only when the writer reaches it; {@code heads} != null permutes rows. */
    private static void tensor(GgufWriter w, ModelWeights weights, String name, GgmlType type, Integer heads) {
        if (!weights.contains(name)) {
            throw new IllegalArgumentException("weights have no " + name);
        }
        int[] shape = weights.shape(name);
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        Supplier<float[]> values = heads == null ? () -> weights.floats(name)
                : () -> toInterleaved(weights.floats(name), shape[0], shape.length == 2 ? shape[1] : 1, heads);
        w.tensor(name, type, values, dims);
    }

    /**
     * llama.cpp's {@code permute(w, n_head)}: within each head of D rows, row {@code p·D/2 + i} (rotate-half
     * pairs i and i + D/2) moves to {@code 2i + p} (interleaved pairs 2i and 2i + 1).
     */
    static float[] toInterleaved(float[] w, int rows, int cols, int heads) {
        int d = rows / heads;
        float[] out = new float[w.length];
        for (int h = 0; h < heads; h++) {
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < d / 2; i++) {
                    System.arraycopy(w, (h * d + p * d / 2 + i) * cols, out, (h * d + 2 * i + p) * cols, cols);
                }
            }
        }
        return out;
    }
}
