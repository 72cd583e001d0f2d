package dev.modelfactory.studio.finetune;

import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.training.RunRequest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a job bundle for a cluster trainer ("Run elsewhere…"); the app implements it over its hand-off
 * service. Slow: call it from a background task, never the FX thread. Bad input throws
 * {@link IllegalArgumentException} naming the field; a cancel leaves nothing written.
 */
public interface BundleExporter {

    /** The trainers offered: cli name -> display name, e.g. {@code llamafactory -> LLaMA-Factory}. */
    java.util.Map<String, String> trainers();

    /**
     * @param trainer      a key of {@link #trainers()}
     * @param out          the bundle folder to create
     * @param trainerModel the base model as the cluster loads it, or null for this workstation's path
     */
    BundleResult export(RunRequest request, String trainer, Path out, String trainerModel, ProgressListener progress,
            CancellationToken cancel) throws IOException;
}
