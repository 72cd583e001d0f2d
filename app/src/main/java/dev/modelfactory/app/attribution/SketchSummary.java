package dev.modelfactory.app.attribution;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link InfluenceService#sketchRun} stored: rows sketched, floats per row, the checkpoints (steps)
 * sketched, the folder, and how long it took.
 */
public record SketchSummary(long runId, int rows, int dims, List<Integer> checkpoints, Path folder, double seconds) {

    public SketchSummary {
        checkpoints = List.copyOf(checkpoints);
    }
}
