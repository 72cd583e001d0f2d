package dev.modelfactory.engine.attribution.influence;

import java.util.List;

/** An opened sketch folder: its manifest and one mapped matrix per checkpoint, in manifest order. */
public record SketchSet(SketchManifest manifest, List<SketchMatrix> matrices) implements AutoCloseable {

    public SketchSet {
        matrices = List.copyOf(matrices);
        if (matrices.size() != manifest.checkpoints().size()) {
            throw new IllegalArgumentException(matrices.size() + " matrices for " + manifest.checkpoints().size()
                    + " checkpoints");
        }
    }

    public int rows() {
        return manifest.rows().size();
    }

    @Override
    public void close() {
        matrices.forEach(SketchMatrix::close);
    }
}
