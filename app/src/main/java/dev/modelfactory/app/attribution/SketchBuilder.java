package dev.modelfactory.app.attribution;

import dev.modelfactory.app.training.RowRef;
import dev.modelfactory.app.training.RunReplay;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.engine.attribution.influence.CheckpointRates;
import dev.modelfactory.engine.attribution.influence.ExampleGradients;
import dev.modelfactory.engine.attribution.influence.SketchLayout;
import dev.modelfactory.engine.attribution.influence.SketchManifest;
import dev.modelfactory.engine.attribution.influence.SketchStore;
import dev.modelfactory.engine.train.checkpoint.Checkpoint;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import dev.modelfactory.engine.train.optim.LrSchedule;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sketches a finished run's training rows at each checkpoint the run kept (the newest
 * {@code keep_checkpoints}, the last of which holds the final adapter's weights: the trainer always
 * checkpoints its last step). Each checkpoint stands for the updates since the one before, TracIn-CP style;
 * its weight is their mean learning rate ({@link CheckpointRates}).
 */
final class SketchBuilder {

    /** Floats per sketch row, all modules together (count sketch per module; exact when a module is smaller). */
    static final int DIMS = 2048;
    /** Mixed into the run seed so the projection is not correlated with the LoRA initialisation. */
    private static final long SEED_SALT = 0x1F1_0E9CEL;

    private SketchBuilder() {
    }

    static Path folder(RunReplay replay) {
        return replay.folder().resolve("influence");
    }

    static SketchSummary build(RunReplay replay, int threads, ProgressListener progress, CancellationToken cancel) {
        long t0 = System.nanoTime();
        List<Path> checkpoints = replay.checkpoints();
        if (checkpoints.isEmpty()) {
            throw new TrainingInputException("run " + replay.run().id() + ": kept no checkpoint in "
                    + replay.folder().resolve("checkpoints") + "; influence needs the run's checkpoints");
        }
        Path dir = folder(replay);
        try {
            Files.createDirectories(dir);
            // the old manifest goes first: from here until the new one is written the folder reads as "not sketched"
            Files.deleteIfExists(dir.resolve(SketchStore.MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        LrSchedule schedule = replay.schedule();
        int every = replay.config().checkpointEvery();
        int n = replay.examples().size();
        long total = (long) n * checkpoints.size();
        List<SketchManifest.CheckpointSketch> done = new ArrayList<>();
        try (TrainableLlama model = replay.model(threads)) {
            SketchLayout layout = SketchLayout.of(model.parameters(), replay.config().seed() ^ SEED_SALT, DIMS);
            ExampleGradients grads = new ExampleGradients(model, layout);
            int previous = -1;
            for (Path folder : checkpoints) {
                Checkpoint c = replay.checkpoint(folder);
                RunReplay.load(model, c);
                int from = previous >= 0 ? previous : every > 0 ? Math.max(0, c.step() - every) : 0;
                double lr = CheckpointRates.mean(schedule, from, c.step());
                long base = (long) done.size() * n;
                done.add(SketchStore.sketchCheckpoint(grads, replay.examples(), dir, c.step(), lr,
                        i -> progress.onProgress(base + i, total), cancel::isCancellationRequested));
                previous = c.step();
            }
            List<SketchManifest.Row> rows = new ArrayList<>(n);
            for (RowRef r : replay.rows()) {
                rows.add(new SketchManifest.Row(r.rowId(), r.rowHash(), r.contributor()));
            }
            SketchStore.writeManifest(dir, new SketchManifest(SketchManifest.FORMAT, "run " + replay.run().id()
                    + ", adapter " + replay.run().adapterHash().orElse("?"), layout, done, rows));
            return new SketchSummary(replay.run().id(), n, layout.totalDims(),
                    done.stream().map(SketchManifest.CheckpointSketch::step).toList(), dir,
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
