/**
 * safetensors, read and written by our own code: {@code u64 LE headerLength, JSON header, data}. The header
 * maps tensor names to {@code {dtype, shape, data_offsets: [begin, end]}} (offsets relative to the data
 * start) plus an optional {@code __metadata__} string map. Reading is memory-mapped and strict (lengths,
 * offsets, overlaps, sizes against shapes, dtypes); writing is atomic and deterministic. Sharded
 * checkpoints are read through their {@code model.safetensors.index.json} weight map.
 */
package dev.modelfactory.engine.format.safetensors;
