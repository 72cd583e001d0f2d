package dev.modelfactory.engine.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelfactory.engine.backend.RopeScaling;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.safetensors.SafetensorsDType;
import dev.modelfactory.engine.format.safetensors.SafetensorsWriter;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.ModelWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a (merged) model for other tools: a Hugging Face folder ({@code config.json} +
 * {@code model.safetensors}, q/k rows in HF order, tokenizer files copied from the base folder when given)
 * or a llama GGUF through {@link LlamaGguf} (F16 or Q8_0 matrices). Both are written atomically.
 */
public final class MergedExport {

    /** Tokenizer and generation files copied from the base folder when present. */
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "tokenizer.model", "generation_config.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MergedExport() {
    }

    /** A llama GGUF with the given SentencePiece vocabulary (see {@link LlamaGguf#write}). */
    public static void gguf(Path file, LlamaConfig config, ModelWeights weights, GgmlType matrixType,
            LlamaGguf.Vocab vocab, String name) throws IOException {
        if (matrixType != GgmlType.F16 && matrixType != GgmlType.Q8_0 && matrixType != GgmlType.F32) {
            throw new IllegalArgumentException("GGUF export: matrices as F32, F16 or Q8_0, not " + matrixType);
        }
        LlamaGguf.write(file, config, weights, matrixType, vocab, name);
    }

    /**
     * A Hugging Face folder. {@code dtype} F32, F16 or BF16; {@code tokenizerFrom} a folder whose tokenizer
     * files are copied, or null.
     */
    public static void hfFolder(Path folder, LlamaConfig config, ModelWeights weights, SafetensorsDType dtype,
            Path tokenizerFrom) {
        if (dtype != SafetensorsDType.F32 && dtype != SafetensorsDType.F16 && dtype != SafetensorsDType.BF16) {
            throw new IllegalArgumentException("safetensors export: F32, F16 or BF16, not " + dtype);
        }
        String configJson = configJson(config, dtype);
        Path parent = folder.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, ".tmp-" + folder.getFileName() + "-");
            Files.writeString(tmp.resolve("config.json"), configJson);
            SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
            for (String name : weights.names()) {
                String hf = HfExportNames.toHf(name);
                int[] s = weights.shape(name);
                float[] v = weights.floats(name);
                Integer heads = HfExportNames.qkHeads(name, config);
                if (heads != null && config.ropeStyle() == RopeStyle.INTERLEAVED) {
                    v = RopeRows.toRotateHalf(v, s[0], s.length == 2 ? s[1] : 1, heads);
                }
                long[] shape = new long[s.length];
                for (int i = 0; i < s.length; i++) {
                    shape[i] = s[i];
                }
                w.add(hf, dtype, shape, encode(v, dtype));
            }
            w.write(tmp.resolve("model.safetensors"));
            if (tokenizerFrom != null) {
                for (String f : TOKENIZER_FILES) {
                    if (Files.isRegularFile(tokenizerFrom.resolve(f))) {
                        Files.copy(tokenizerFrom.resolve(f), tmp.resolve(f));
                    }
                }
            }
            if (Files.exists(folder)) {
                throw new IOException(folder + " already exists; choose a new folder");
            }
            Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export " + folder + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /** {@code config.json} as transformers' LlamaConfig (Qwen2Config when q/k/v carry biases) writes it. */
    static String configJson(LlamaConfig c, SafetensorsDType dtype) {
        if (c.ropeFrequencyFactors() != null) {
            throw new IllegalArgumentException("this model's RoPE scaling is stored as explicit frequency factors"
                    + " (rope_freqs.weight), which config.json cannot express; export it as GGUF instead");
        }
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add(c.qkvBias() ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
        o.put("model_type", c.qkvBias() ? "qwen2" : "llama");
        o.put("hidden_size", c.dim());
        o.put("intermediate_size", c.hiddenDim());
        o.put("num_hidden_layers", c.layers());
        o.put("num_attention_heads", c.heads());
        o.put("num_key_value_heads", c.kvHeads());
        o.put("head_dim", c.headDim());
        o.put("vocab_size", c.vocabSize());
        o.put("max_position_embeddings", c.maxSeqLen());
        o.put("rms_norm_eps", Double.parseDouble(Float.toString(c.rmsEps())));
        o.put("rope_theta", Double.parseDouble(Float.toString(c.ropeTheta())));
        o.put("tie_word_embeddings", c.tiedOutput());
        o.put("hidden_act", "silu");
        o.put("attention_bias", c.qkvBias());
        o.put("torch_dtype", switch (dtype) {
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            default -> "float32";
        });
        RopeScaling s = c.ropeScaling();
        if (s == null) {
            o.putNull("rope_scaling");
        } else {
            ObjectNode r = o.putObject("rope_scaling");
            r.put("rope_type", "llama3");
            r.put("factor", s.factor());
            r.put("low_freq_factor", s.lowFreqFactor());
            r.put("high_freq_factor", s.highFreqFactor());
            r.put("original_max_position_embeddings", s.originalMaxPosition());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encode(float[] v, SafetensorsDType dtype) {
        ByteBuffer b = ByteBuffer.allocate(v.length * dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            switch (dtype) {
                case F32 -> b.putFloat(x);
                case F16 -> b.putShort(Float.floatToFloat16(x));
                default -> b.putShort(bf16(x));
            }
        }
        return b.array();
    }

    /** Round to nearest even, as torch's float32 -> bfloat16; NaN stays NaN. */
    private static short bf16(float x) {
        int bits = Float.floatToRawIntBits(x);
        if (Float.isNaN(x)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    private static void deleteQuietly(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException ignored) {
            // hidden leftover of a failed export
        }
    }
}
