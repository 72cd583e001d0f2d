package dev.modelfactory.engine.format.hf;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Hugging Face model folder: {@code config.json}, weights, {@code tokenizer.json},
 * {@code tokenizer_config.json}. Reads the spec and the chat template eagerly (small JSON); weights and the
 * tokenizer are opened on request because they hold mappings and native memory the caller must close.
 */
public record HfModelFolder(Path folder, ModelSpec spec, Optional<ChatTemplate> chatTemplate) {

    public static HfModelFolder open(Path folder) {
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new ModelFormatException(folder + ": not a Hugging Face model folder (no config.json)");
        }
        ModelSpec spec = HfConfig.read(config);
        Path tokCfg = folder.resolve("tokenizer_config.json");
        Optional<ChatTemplate> template = Files.isRegularFile(tokCfg)
                ? ChatTemplate.fromTokenizerConfig(tokCfg) : Optional.empty();
        return new HfModelFolder(folder, spec, template);
    }

    /** The weights under canonical names; close when done. */
    public HfWeights openWeights() {
        return HfWeights.open(folder, spec.tiedEmbeddings());
    }

    /** {@code tokenizer.json}, which the tokenizer package opens through DJL. */
    public Path tokenizerJson() {
        Path p = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(p)) {
            throw new ModelFormatException(folder + ": no tokenizer.json");
        }
        return p;
    }
}
