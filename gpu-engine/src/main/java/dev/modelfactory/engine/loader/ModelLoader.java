package dev.modelfactory.engine.loader;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.ModelSpec;
import dev.modelfactory.engine.format.WeightSource;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.format.gguf.GgufModelSpecs;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.format.hf.HfModelFolder;
import dev.modelfactory.engine.format.hf.HfWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.tokenizer.GgufTokenizers;
import dev.modelfactory.engine.tokenizer.HfTokenizer;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Opens models on disk: {@link #inspect} reads headers only, {@link #load} makes a runnable model. */
public final class ModelLoader {

    /** The context allocated when the caller does not say (clamped to the model's own). */
    public static final int DEFAULT_CONTEXT = 2048;

    private ModelLoader() {
    }

    /** Reads what a model is without loading its weights. */
    public static ModelSummary inspect(Path path) {
        return switch (ModelFormat.detect(path)) {
            case GGUF -> {
                try (GgufFile f = GgufFile.open(path)) {
                    yield summarise(path, ModelFormat.GGUF, f, GgufModelSpecs.from(f), ggufName(f, path), fileSize(path));
                }
            }
            case HF_FOLDER -> {
                HfModelFolder folder = HfModelFolder.open(path);
                try (HfWeights w = folder.openWeights()) {
                    yield summarise(path, ModelFormat.HF_FOLDER, w, folder.spec(), path.getFileName().toString(),
                            folderSize(path));
                }
            }
        };
    }

    /** Loads the model at {@code path} onto {@code backend} with a context of {@code maxSeqLen} tokens. */
    public static LoadedModel load(Path path, Backend backend, int maxSeqLen) {
        long t0 = System.nanoTime();
        return switch (ModelFormat.detect(path)) {
            case GGUF -> {
                GgufFile f = GgufFile.open(path);
                try {
                    ModelSpec spec = GgufModelSpecs.from(f);
                    ModelSummary summary = summarise(path, ModelFormat.GGUF, f, spec, ggufName(f, path), fileSize(path));
                    Tokenizer tokenizer = GgufTokenizers.from(f);
                    Optional<ChatTemplate> chat = ChatTemplate.fromGguf(f);
                    LlamaModel model = build(spec, f, backend, maxSeqLen, path);
                    yield new LoadedModel(summary, spec, model, tokenizer, chat, System.nanoTime() - t0, f);
                } catch (RuntimeException | Error e) {
                    f.close();
                    throw e;
                }
            }
            case HF_FOLDER -> {
                HfModelFolder folder = HfModelFolder.open(path);
                HfWeights w = folder.openWeights();
                HfTokenizer tokenizer = null;
                try {
                    ModelSummary summary = summarise(path, ModelFormat.HF_FOLDER, w, folder.spec(),
                            path.getFileName().toString(), folderSize(path));
                    tokenizer = HfTokenizer.open(folder.tokenizerJson());
                    LlamaModel model = build(folder.spec(), w, backend, maxSeqLen, path);
                    HfTokenizer tok = tokenizer;
                    AutoCloseable files = () -> {
                        try (w; tok) {
                            // both closed
                        }
                    };
                    yield new LoadedModel(summary, folder.spec(), model, tokenizer, folder.chatTemplate(),
                            System.nanoTime() - t0, files);
                } catch (RuntimeException | Error e) {
                    w.close();
                    if (tokenizer != null) {
                        tokenizer.close();
                    }
                    throw e;
                }
            }
        };
    }

    private static LlamaModel build(ModelSpec spec, WeightSource weights, Backend backend, int maxSeqLen, Path path) {
        float[] ropeFactors = LlamaConfigs.ropeFrequencyFactors(weights, spec, path.toString());
        LlamaConfig config = LlamaConfigs.from(spec, path.toString(), maxSeqLen, ropeFactors);
        SourceWeights view = new SourceWeights(weights);
        try {
            return LlamaModel.load(config, view, backend);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(path + ": " + e.getMessage(), e);
        }
    }

    private static ModelSummary summarise(Path path, ModelFormat format, WeightSource w, ModelSpec spec, String name,
                                          long size) {
        long params = 0;
        java.util.Map<String, Long> byType = new java.util.TreeMap<>();
        for (String n : w.names()) {
            if (n.equals(WeightNames.ROPE_FREQS)) {
                continue; // RoPE configuration stored as a tensor, not a parameter
            }
            long[] shape = w.shape(n);
            long count = 1;
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            params += count;
            if (shape.length == 2) {
                byType.merge(w.dtype(n), count, Long::sum);
            }
        }
        return new ModelSummary(path, format, name, spec.architecture(), params, quantisation(byType),
                spec.contextLength(), size, spec.layers(), spec.dim(), spec.vocabSize());
    }

    /** The matrix storage type, or "mixed: Q4_K+Q6_K" (largest share first) when several are used. */
    static String quantisation(java.util.Map<String, Long> elementsByType) {
        if (elementsByType.isEmpty()) {
            return "unknown";
        }
        if (elementsByType.size() == 1) {
            return elementsByType.keySet().iterator().next();
        }
        return "mixed: " + String.join("+", elementsByType.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .map(java.util.Map.Entry::getKey).toList());
    }

    private static String ggufName(GgufFile f, Path path) {
        return f.getString("general.name").filter(s -> !s.isBlank()).orElse(path.getFileName().toString());
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long folderSize(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(ModelLoader::fileSize).sum();
        } catch (IOException e) {
            throw new ModelFormatException(folder + ": cannot list: " + e.getMessage(), e);
        }
    }
}
