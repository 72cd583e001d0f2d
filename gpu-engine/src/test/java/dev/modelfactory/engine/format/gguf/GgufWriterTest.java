package dev.modelfactory.engine.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GgufWriter} output read back by {@link GgufFile}: every metadata type and tensor type. */
class GgufWriterTest {

    @TempDir
    Path dir;

    @Test
    void metadataOfEveryTypeRoundTrips() throws IOException {
        Path file = dir.resolve("meta.gguf");
        new GgufWriter()
                .string("s", "héllo ▁wörld")
                .u32("u", 0xFFFF_FFFFL)
                .i32("i", -7)
                .f32("f", 1e-5f)
                .bool("yes", true).bool("no", false)
                .strings("ss", "<unk>", "", "▁the")
                .f32s("fs", -0.5f, 0f, 3.25f)
                .i32s("is", 1, -1, Integer.MAX_VALUE)
                .write(file);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.version()).isEqualTo(3);
            assertThat(f.alignment()).isEqualTo(32);
            assertThat(f.metadata().keySet()).containsExactly("s", "u", "i", "f", "yes", "no", "ss", "fs", "is");
            assertThat(f.getString("s")).contains("héllo ▁wörld");
            assertThat(f.getLong("u")).contains(0xFFFF_FFFFL);
            assertThat(f.get("u").orElseThrow().type()).isEqualTo(GgufValueType.UINT32);
            assertThat(f.getLong("i")).contains(-7L);
            assertThat(f.get("i").orElseThrow().type()).isEqualTo(GgufValueType.INT32);
            assertThat(f.getDouble("f")).contains(1e-5);
            assertThat(f.getBoolean("yes")).contains(true);
            assertThat(f.getBoolean("no")).contains(false);
            assertThat((String[]) f.getArray("ss").orElseThrow().values()).containsExactly("<unk>", "", "▁the");
            assertThat((float[]) f.getArray("fs").orElseThrow().values()).containsExactly(-0.5f, 0f, 3.25f);
            GgufArray is = f.getArray("is").orElseThrow();
            assertThat(is.elementType()).isEqualTo(GgufValueType.INT32);
            assertThat((long[]) is.values()).containsExactly(1L, -1L, Integer.MAX_VALUE);
            assertThat(f.tensors()).isEmpty();
        }
    }

    @Test
    void f32TensorsAreBitExactWithShapesOutermostFirst() throws IOException {
        float[] m = random(3 * 5, 1);
        m[0] = -0f;
        m[1] = Float.MIN_VALUE;
        m[2] = Float.NaN;
        float[] v = random(7, 2);
        Path file = dir.resolve("f32.gguf");
        new GgufWriter().tensor("m", GgmlType.F32, m, 3, 5).tensor("v", GgmlType.F32, v, 7).write(file);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.shape("m")).containsExactly(3, 5);
            assertThat(f.shape("v")).containsExactly(7);
            assertThat(f.dtype("m")).isEqualTo("F32");
            assertThat(bits(f.dequantize("m"))).containsExactly(bits(m));
            assertThat(bits(f.dequantize("v"))).containsExactly(bits(v));
            assertThat(f.tensor("v").fileOffset() % 32).isZero();
            assertThat(f.dataOffset() % 32).isZero();
        }
    }

    @Test
    void f16TensorsHoldTheNearestHalf() throws IOException {
        float[] x = random(4 * 6, 3);
        x[0] = 65504f;
        x[1] = 1f / 3;
        Path file = dir.resolve("f16.gguf");
        new GgufWriter().tensor("h", GgmlType.F16, x, 4, 6).write(file);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.dtype("h")).isEqualTo("F16");
            float[] back = f.dequantize("h");
            for (int i = 0; i < x.length; i++) {
                assertThat(back[i]).as("element %d", i).isEqualTo(Float.float16ToFloat(Float.floatToFloat16(x[i])));
            }
            assertThat(back[0]).isEqualTo(65504f);
        }
    }

    /**
     * Q8_0 per 32-block: |x - q·d16| <= d/2 (rounding) + 127·|d - d16| (scale stored in fp16, relative
     * error <= 2^-11), so 0.6·d with d = amax/127 bounds it.
     */
    @Test
    void q8TensorsAreWithinHalfAStepOfEachBlock() throws IOException {
        float[] x = random(5 * 64, 4);
        Path file = dir.resolve("q8.gguf");
        new GgufWriter().tensor("q", GgmlType.Q8_0, x, 5, 64).write(file);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.dtype("q")).isEqualTo("Q8_0");
            assertThat(f.tensor("q").data().byteSize()).isEqualTo(5 * 2 * 34);
            float[] back = f.dequantize("q");
            for (int b = 0; b < x.length / 32; b++) {
                float amax = 0;
                for (int j = 0; j < 32; j++) {
                    amax = Math.max(amax, Math.abs(x[b * 32 + j]));
                }
                for (int j = 0; j < 32; j++) {
                    int i = b * 32 + j;
                    assertThat(Math.abs(back[i] - x[i])).as("element %d", i).isLessThanOrEqualTo(0.6f * amax / 127);
                }
            }
        }
    }

    @Test
    void aTensorLargerThanOneChunkIsWhole() throws IOException {
        float[] x = random(3 * 40_000, 5);
        Path file = dir.resolve("big.gguf");
        new GgufWriter().tensor("a", GgmlType.F32, x, 3, 40_000).tensor("b", GgmlType.Q8_0, x, 3, 40_000).write(file);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.dequantize("a")).containsExactly(x);
            assertThat(f.dequantizeRows("b", 2, 1)[39_999]).isCloseTo(x[x.length - 1], org.assertj.core.data.Offset.offset(0.01f));
        }
    }

    @Test
    void customAlignmentIsWrittenAndHonoured() throws IOException {
        Path file = dir.resolve("a64.gguf");
        new GgufWriter().alignment(64).tensor("a", GgmlType.F32, random(3, 6), 3).tensor("b", GgmlType.F32, random(5, 7), 5)
                .write(file);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.alignment()).isEqualTo(64);
            assertThat(f.getLong("general.alignment")).contains(64L);
            assertThat(f.tensor("b").fileOffset() % 64).isZero();
            assertThat(f.dequantize("b")).containsExactly(random(5, 7));
        }
    }

    @Test
    void valuesAreAskedForOnlyWhileWritingInFileOrder() throws IOException {
        StringBuilder order = new StringBuilder();
        GgufWriter w = new GgufWriter()
                .tensor("x", GgmlType.F32, () -> { order.append('x'); return random(4, 8); }, 4)
                .tensor("y", GgmlType.F32, () -> { order.append('y'); return random(2, 9); }, 2);
        assertThat(order).isEmpty();
        w.write(dir.resolve("lazy.gguf"));
        assertThat(order).hasToString("xy");
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("m.gguf");
        Files.writeString(file, "old");
        new GgufWriter().string("k", "new").write(file);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.getString("k")).contains("new");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    /** A temporary file's owner-only permissions must not stick to an exported model. */
    @Test
    void theFileGetsTheFoldersUsualPermissions() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain"));
        Path file = dir.resolve("m.gguf");
        new GgufWriter().string("k", "v").write(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aFailureMidWriteLeavesTheOldFileAndNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("m.gguf");
        Files.writeString(file, "old");
        AtomicInteger calls = new AtomicInteger();
        GgufWriter w = new GgufWriter().tensor("a", GgmlType.F32, random(4, 1), 4)
                .tensor("b", GgmlType.F32, () -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("source went away");
                }, 4);
        assertThatThrownBy(() -> w.write(file)).hasMessage("source went away");
        assertThat(calls).hasValue(1);
        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void refusesWhatItCannotWrite() {
        GgufWriter w = new GgufWriter();
        assertThatThrownBy(() -> w.tensor("q", GgmlType.Q8_0, new float[40], 2, 20)).hasMessageContaining("Q8_0 blocks");
        assertThatThrownBy(() -> w.tensor("k", GgmlType.Q5_K, new float[256], 256)).hasMessageContaining("cannot write Q5_K");
        assertThatThrownBy(() -> w.tensor("k", GgmlType.Q4_K, new float[256], 2, 128))
                .hasMessageContaining("not whole Q4_K blocks of 256");
        assertThatThrownBy(() -> w.tensor("z", GgmlType.F32, new float[0], 0)).hasMessageContaining("positive");
        w.tensor("t", GgmlType.F32, new float[2], 2);
        assertThatThrownBy(() -> w.tensor("t", GgmlType.F32, new float[2], 2)).hasMessageContaining("twice");
        assertThatThrownBy(() -> w.u32("n", -1)).hasMessageContaining("u32");
        assertThatThrownBy(() -> w.alignment(24)).hasMessageContaining("power of two");
        GgufWriter wrongCount = new GgufWriter().tensor("w", GgmlType.F32, new float[5], 2, 3);
        assertThatThrownBy(() -> wrongCount.write(dir.resolve("w.gguf"))).hasMessageContaining("expected 6 values");
        assertThat(dir.resolve("w.gguf")).doesNotExist();
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 2);
        }
        return x;
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Float.floatToRawIntBits(x[i]);
        }
        return b;
    }
}
