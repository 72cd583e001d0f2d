package dev.modelfactory.app.training;

import dev.modelfactory.engine.format.ModelSpec;
import dev.modelfactory.engine.format.WeightSource;
import dev.modelfactory.engine.format.gguf.GgufArray;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.format.gguf.GgufModelSpecs;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.format.hf.HfModelFolder;
import dev.modelfactory.engine.loader.LlamaConfigs;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.loader.ModelFormat;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.tokenizer.GgufTokenizers;
import dev.modelfactory.engine.tokenizer.HfTokenizer;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.engine.train.data.ChatFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A model's files opened for training or evaluation, without a backend: its config, its weights (memory
 * mapped, dequantised on read), its tokenizer and its chat format (the model's own template, else ChatML).
 * For a GGUF file also the SentencePiece vocabulary, which a merged or fully trained GGUF is written with.
 */
public final class ModelFiles implements AutoCloseable {

    private final Path path;
    private final LlamaConfig config;
    private final ModelWeights weights;
    private final Tokenizer tokenizer;
    private final Optional<ChatTemplate> template;
    private final Optional<LlamaGguf.Vocab> vocab;
    private final AutoCloseable resources;

    private ModelFiles(Path path, LlamaConfig config, ModelWeights weights, Tokenizer tokenizer,
            Optional<ChatTemplate> template, Optional<LlamaGguf.Vocab> vocab, AutoCloseable resources) {
        this.path = path;
        this.config = config;
        this.weights = weights;
        this.tokenizer = tokenizer;
        this.template = template;
        this.vocab = vocab;
        this.resources = resources;
    }

    /** Opens a GGUF file or a Hugging Face folder; errors are {@link dev.modelfactory.engine.format.ModelFormatException}s. */
    public static ModelFiles open(Path path) {
        return switch (ModelFormat.detect(path)) {
            case GGUF -> {
                GgufFile f = GgufFile.open(path);
                try {
                    ModelSpec spec = GgufModelSpecs.from(f);
                    LlamaConfig c = config(spec, f, path);
                    yield new ModelFiles(path, c, new WeightView(f), GgufTokenizers.from(f), ChatTemplate.fromGguf(f),
                            vocab(f), f);
                } catch (RuntimeException | Error e) {
                    f.close();
                    throw e;
                }
            }
            case HF_FOLDER -> {
                HfModelFolder folder = HfModelFolder.open(path);
                WeightSource w = folder.openWeights();
                try {
                    HfTokenizer tok = HfTokenizer.open(folder.tokenizerJson());
                    AutoCloseable both = () -> {
                        try (w; tok) {
                            // both closed
                        }
                    };
                    yield new ModelFiles(path, config(folder.spec(), w, path), new WeightView(w), tok,
                            folder.chatTemplate(), Optional.empty(), both);
                } catch (RuntimeException | Error e) {
                    w.close();
                    throw e;
                }
            }
        };
    }

    private static LlamaConfig config(ModelSpec spec, WeightSource w, Path path) {
        float[] factors = LlamaConfigs.ropeFrequencyFactors(w, spec, path.toString());
        return LlamaConfigs.from(spec, path.toString(), spec.contextLength(), factors);
    }

    private static Optional<LlamaGguf.Vocab> vocab(GgufFile f) {
        if (!"llama".equals(f.getString("tokenizer.ggml.model").orElse(""))) {
            return Optional.empty();
        }
        Optional<String[]> tokens = f.getArray("tokenizer.ggml.tokens").map(GgufArray::values)
                .filter(String[].class::isInstance).map(String[].class::cast);
        Optional<float[]> scores = f.getArray("tokenizer.ggml.scores").map(GgufArray::values)
                .filter(float[].class::isInstance).map(float[].class::cast);
        Optional<long[]> types = f.getArray("tokenizer.ggml.token_type").map(GgufArray::values)
                .filter(long[].class::isInstance).map(long[].class::cast);
        if (tokens.isEmpty() || scores.isEmpty() || types.isEmpty()) {
            return Optional.empty();
        }
        int[] t = Arrays.stream(types.get()).mapToInt(Math::toIntExact).toArray();
        return Optional.of(new LlamaGguf.Vocab(List.of(tokens.get()), scores.get(), t));
    }

    public Path path() {
        return path;
    }

    public LlamaConfig config() {
        return config;
    }

    public ModelWeights weights() {
        return weights;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The model's chat template when its files carry one. */
    public Optional<ChatTemplate> template() {
        return template;
    }

    /** The model's template, else the built-in ChatML format. */
    public ChatFormat chatFormat() {
        return template.map(ChatFormat::new).orElseGet(ChatFormat::chatMl);
    }

    /** The SentencePiece vocabulary of a GGUF file, if it has one. */
    public Optional<LlamaGguf.Vocab> vocab() {
        return vocab;
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release " + path + ": " + e.getMessage(), e);
        }
    }
}
