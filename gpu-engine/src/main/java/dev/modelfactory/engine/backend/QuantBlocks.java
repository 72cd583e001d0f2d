package dev.modelfactory.engine.backend;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A matrix's raw ggml blocks in one of the {@link QuantFormat}s, as a weight file holds them (normally a
 * slice of a memory-mapped GGUF file, valid while that file is open). The size is checked against a shape
 * by {@link Backend#mapLinearQuant}.
 */
public record QuantBlocks(QuantFormat format, MemorySegment blocks) {
    public QuantBlocks {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(blocks, "blocks");
    }
}
