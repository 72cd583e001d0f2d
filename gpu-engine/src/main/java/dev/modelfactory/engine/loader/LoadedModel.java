package dev.modelfactory.engine.loader;

import dev.modelfactory.engine.format.ModelSpec;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.util.Optional;

/**
 * A model ready to run: weights on a backend, its tokenizer and (when the files carry one) its chat
 * template. Closing releases the backend's tensors and then the file mappings, in that order: the model's
 * matrices and embedding table are read in place from the mapping (docs/adr/0008), so they are valid exactly
 * as long as this is open; a model used after closing fails with an {@link IllegalStateException}.
 *
 * @param summary   what was loaded
 * @param spec      the hyper-parameters as the file states them
 * @param model     the runnable model
 * @param tokenizer text to ids and back
 * @param chat      the model's chat template, if any
 * @param loadNanos wall time from opening the file to a runnable model
 */
public record LoadedModel(ModelSummary summary, ModelSpec spec, LlamaModel model, Tokenizer tokenizer,
                          Optional<ChatTemplate> chat, long loadNanos, AutoCloseable files) implements AutoCloseable {

    @Override
    public void close() {
        model.close();
        try {
            files.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release " + summary.location() + ": " + e.getMessage(), e);
        }
    }
}
