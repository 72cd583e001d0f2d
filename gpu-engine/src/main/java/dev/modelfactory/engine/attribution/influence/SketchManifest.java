package dev.modelfactory.engine.attribution.influence;

import java.util.List;
import java.util.Objects;

/**
 * What a folder of gradient sketches holds ({@code influence.json}): the format version, the layout (seed and
 * modules) the rows were sketched with, one entry per checkpoint sketched (its file, the learning rate
 * TracIn weighs it by, the file's length and CRC-32C) and the rows in file order.
 *
 * @param source free text saying what was sketched (e.g. {@code run 12, adapter 3fa9c1...})
 */
public record SketchManifest(int format, String source, SketchLayout layout, List<CheckpointSketch> checkpoints,
        List<Row> rows) {

    public static final int FORMAT = 1;

    /**
     * One checkpoint's sketch file.
     *
     * @param step         the optimiser steps the checkpoint's weights had taken
     * @param learningRate TracIn's weight for it: the mean learning rate over the steps it stands for
     */
    public record CheckpointSketch(int step, double learningRate, String file, long bytes, long crc32c) {
        public CheckpointSketch {
            Objects.requireNonNull(file, "file");
        }
    }

    /** A training row as the engine knows it: store id, content hash, contributor ("" when unknown). */
    public record Row(long id, String hash, String contributor) {
        public Row {
            Objects.requireNonNull(hash, "hash");
            contributor = contributor == null ? "" : contributor;
        }
    }

    public SketchManifest {
        Objects.requireNonNull(layout, "layout");
        checkpoints = List.copyOf(checkpoints);
        rows = List.copyOf(rows);
        source = source == null ? "" : source;
    }
}
