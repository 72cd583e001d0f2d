package dev.modelfactory.app.training;

import dev.modelfactory.ledger.store.run.RunOutcome;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a run (or this session of a resumed run) ended.
 *
 * @param finalLoss      training loss of the last step (NaN if no step ran)
 * @param evalLoss       the last validation loss (NaN if none was taken)
 * @param adapterPath    the PEFT folder (LoRA) or GGUF file (full fine-tuning) written, if any
 * @param adapterHash    the adapter's content hash, if an adapter was written
 * @param seconds        wall time of this session
 * @param tokensPerSecond non-padding tokens per second over this session's steps
 */
public record TrainingOutcome(long runId, RunOutcome outcome, String message, int steps, double finalLoss,
        double evalLoss, Optional<Path> adapterPath, Optional<String> adapterHash, double seconds,
        double tokensPerSecond) {
}
