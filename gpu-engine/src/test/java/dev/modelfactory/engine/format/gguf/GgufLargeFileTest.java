package dev.modelfactory.engine.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files beyond 2 GB: a sparse file whose only tensor starts past 2^31, so offsets must be longs end to
 * end (mapping, slicing, row access). Sparse, so it costs no disk.
 */
class GgufLargeFileTest {

    @TempDir
    Path dir;

    @Test
    void readsATensorPastTwoGigabytes() throws Exception {
        long offset = 3L << 30; // 3 GiB into the data section
        int cols = 64;
        int rows = 2;
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        GgufTestWriter.le(header, GgufParser.MAGIC, 4);
        GgufTestWriter.le(header, 3, 4);
        GgufTestWriter.le(header, 1, 8);
        GgufTestWriter.le(header, 0, 8);
        GgufTestWriter.str(header, "far.weight");
        GgufTestWriter.le(header, 2, 4);
        GgufTestWriter.le(header, cols, 8);
        GgufTestWriter.le(header, rows, 8);
        GgufTestWriter.le(header, GgmlType.F32.id(), 4);
        GgufTestWriter.le(header, offset, 8);
        long dataStart = (header.size() + 31) / 32 * 32;
        ByteBuffer data = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * cols; i++) {
            data.putFloat(i * 0.25f);
        }
        Path file = dir.resolve("big.gguf");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(header.toByteArray());
            raf.setLength(dataStart + offset + data.capacity());
            raf.seek(dataStart + offset);
            raf.write(data.array());
        }
        try (GgufFile f = GgufFile.open(file)) {
            GgufTensor t = f.tensor("far.weight");
            assertThat(t.fileOffset()).isEqualTo(dataStart + offset).isGreaterThan(Integer.MAX_VALUE);
            assertThat(t.shape()).containsExactly(rows, cols);
            float[] second = f.dequantizeRows("far.weight", 1, 1);
            assertThat(second[0]).isEqualTo(cols * 0.25f);
            assertThat(second[cols - 1]).isEqualTo((2 * cols - 1) * 0.25f);
        }
    }
}
