package dev.modelfactory.engine.attribution.influence;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelfactory.engine.train.data.TrainingExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * A folder of gradient sketches: {@code checkpoint-NNNNNNNN.sketch} per checkpoint (see {@link SketchWriter})
 * and the manifest {@code influence.json}, written last and atomically, so a folder whose manifest exists
 * is complete; a half-done sketching leaves at most {@code .tmp-} files and an older, still consistent set.
 */
public final class SketchStore {

    public static final String MANIFEST = "influence.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SketchStore() {
    }

    public static Path fileFor(Path dir, int step) {
        return dir.resolve(String.format("checkpoint-%08d.sketch", step));
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /**
     * Sketches every example's gradient under the model's current weights into {@code dir}'s file for
     * {@code step}; {@code progress} gets the rows done, {@code cancelled} is asked between rows (a
     * cancelled write leaves no file behind and throws {@link CancellationException}).
     */
    public static SketchManifest.CheckpointSketch sketchCheckpoint(ExampleGradients gradients,
            List<TrainingExample> examples, Path dir, int step, double learningRate, IntConsumer progress,
            BooleanSupplier cancelled) {
        try (SketchWriter w = new SketchWriter(fileFor(dir, step), examples.size(), gradients.layout().totalDims())) {
            for (int i = 0; i < examples.size(); i++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("gradient sketching cancelled");
                }
                w.write(gradients.sketch(examples.get(i)));
                progress.accept(i + 1);
            }
            return w.finish(step, learningRate);
        }
    }

    /** Writes the manifest (temp file, then rename). */
    public static void writeManifest(Path dir, SketchManifest manifest) {
        Path target = dir.resolve(MANIFEST);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-" + MANIFEST, "");
            try {
                JSON.writeValue(tmp.toFile(), manifest);
                SketchWriter.move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public static SketchManifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new SketchFormatException(file + ": no gradient sketches here (manifest missing)");
        }
        SketchManifest m;
        try {
            m = JSON.readValue(file.toFile(), SketchManifest.class);
        } catch (JacksonException e) {
            throw new SketchFormatException(file + ": not a valid sketch manifest: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SketchFormatException(file + ": cannot read: " + e.getMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SketchFormatException(file + ": invalid sketch manifest: " + e.getMessage(), e);
        }
        if (m.format() != SketchManifest.FORMAT) {
            throw new SketchFormatException(file + ": format " + m.format() + ", this version reads "
                    + SketchManifest.FORMAT + "; rebuild the sketches");
        }
        if (m.checkpoints().isEmpty()) {
            throw new SketchFormatException(file + ": lists no checkpoint");
        }
        return m;
    }

    /** Reads the manifest and maps every checkpoint's file, checking each; errors name the file. */
    public static SketchSet open(Path dir) {
        SketchManifest m = readManifest(dir);
        List<SketchMatrix> opened = new ArrayList<>();
        try {
            for (SketchManifest.CheckpointSketch c : m.checkpoints()) {
                if (!c.file().matches("checkpoint-\\d{8}\\.sketch")) {
                    throw new SketchFormatException(dir.resolve(MANIFEST) + ": checkpoint file name '" + c.file()
                            + "' is not checkpoint-NNNNNNNN.sketch");
                }
                opened.add(SketchMatrix.open(dir.resolve(c.file()), c, m.rows().size(), m.layout().totalDims()));
            }
            return new SketchSet(m, opened);
        } catch (RuntimeException e) {
            opened.forEach(SketchMatrix::close);
            throw e;
        }
    }
}
