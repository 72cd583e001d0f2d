package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.tensor.Tensor;

/**
 * Embedding rows out of the cpu backend's linear-weight tensors, so a tied model keeps one table for the
 * lookup and the output projection: a mapped fp32 row is copied, a Q8_0 / Q4_0 / Q4_K / Q6_K row decoded, a packed row
 * gathered from its panel, per token (a few KB each; the table itself is never expanded).
 */
final class CpuEmbedding {

    private CpuEmbedding() {
    }

    /** {@code out[t] = table[ids[t]]} for a table that is not a plain host tensor. Ids are checked already. */
    static void lookup(Tensor table, int[] ids, float[] out) {
        int cols = table.cols();
        for (int t = 0; t < ids.length; t++) {
            int row = ids[t];
            int at = t * cols;
            switch (table) {
                case CpuMappedWeight w -> w.copyRow(row, out, at);
                case CpuMappedQ8Weight w -> w.dequantizeRow(row, out, at);
                case CpuMappedQuantWeight w -> w.decodeRow(row, out, at);
                case CpuQ8Weight w -> {
                    byte[] q = w.quants();
                    float[] d = w.scales();
                    int qo = row * cols;
                    for (int j = 0; j < cols; j++) {
                        out[at + j] = q[qo + j] * d[(qo + j) / dev.modelfactory.engine.backend.Q8_0.BLOCK];
                    }
                }
                case CpuLinearWeight w -> {
                    float[] p = w.packed();
                    int nr = CpuMatmul.NR;
                    int base = row / nr * cols * nr + row % nr;
                    for (int j = 0; j < cols; j++) {
                        out[at + j] = p[base + j * nr];
                    }
                }
                default -> throw new IllegalArgumentException("embedding: the cpu backend cannot read rows of " + table);
            }
        }
    }
}
