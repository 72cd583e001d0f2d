package dev.modelfactory.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.format.gguf.GgmlDequantizer;
import dev.modelfactory.engine.format.gguf.GgmlQuantizer;
import dev.modelfactory.engine.format.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ggml Q4_0 / Q4_K / Q6_K block layouts of {@link QuantFormat}: hand-built blocks decode to values
 * computed element by element from the layout's definition (a formulation independent of the decoder's
 * loops); random blocks decode bit for bit as {@link GgmlDequantizer} does; the writer's quantisers round
 * trip within the format's step; wrong sizes are refused before any read.
 */
class QuantFormatTest {

    /** Q4_0: d = 0.5, byte j = j (low nibble) | (15 - j) (high nibble): x_j = (j - 8)/2, x_{j+16} = (7 - j)/2. */
    @Test
    void q4_0KnownAnswer() {
        byte[] b = new byte[18];
        putHalf(b, 0, 0.5f);
        for (int j = 0; j < 16; j++) {
            b[2 + j] = (byte) (j | (15 - j) << 4);
        }
        float[] y = QuantFormat.Q4_0.dequantize(MemorySegment.ofArray(b), 1, 32);
        for (int j = 0; j < 16; j++) {
            assertThat(y[j]).as("element %d", j).isEqualTo((j - 8) * 0.5f);
            assertThat(y[j + 16]).as("element %d", j + 16).isEqualTo((7 - j) * 0.5f);
        }
    }

    /**
     * Q4_K: d = 2, dmin = 0.25, sub-block scales 1..8 and mins 0, 9, 18, 27, 36, 45, 54, 63 (6-bit values whose
     * top bits live in bytes 0..7), quant of element e = e mod 16. Element e is in sub-block e / 32, whose
     * quants are the low (even sub-block) or high (odd) nibbles of qs[32·(e / 64) + e mod 32].
     */
    @Test
    void q4_KKnownAnswer() {
        int[] sc = {1, 2, 3, 4, 5, 6, 7, 8};
        int[] mn = {0, 9, 18, 27, 36, 45, 54, 63};
        byte[] b = new byte[144];
        putHalf(b, 0, 2f);
        putHalf(b, 2, 0.25f);
        for (int j = 0; j < 4; j++) {
            b[4 + j] = (byte) (sc[j] | (sc[j + 4] >> 4) << 6);
            b[8 + j] = (byte) (mn[j] | (mn[j + 4] >> 4) << 6);
            b[12 + j] = (byte) ((sc[j + 4] & 15) | (mn[j + 4] & 15) << 4);
        }
        for (int e = 0; e < 256; e++) {
            int s = e / 32;
            int at = 16 + 32 * (e / 64) + e % 32;
            b[at] |= (byte) ((s % 2 == 0 ? e % 16 : (e % 16) << 4));
        }
        float[] y = QuantFormat.Q4_K.dequantize(MemorySegment.ofArray(b), 1, 256);
        for (int e = 0; e < 256; e++) {
            int s = e / 32;
            assertThat(y[e]).as("element %d", e).isEqualTo(2f * sc[s] * (e % 16) - 0.25f * mn[s]);
        }
        for (int s = 0; s < 8; s++) {
            int sm = QuantFormat.scaleMinK4(MemorySegment.ofArray(b), 4, s);
            assertThat(sm & 0xFF).as("scale %d", s).isEqualTo(sc[s]);
            assertThat(sm >>> 8).as("min %d", s).isEqualTo(mn[s]);
        }
    }

    /**
     * Q6_K: d = 0.125, sixteen int8 scales -8, -7, ... 7 (one per 16 elements), 6-bit quant of element e =
     * (5·e) mod 64. Element e = 128n + 32i + l: low bits in the low (i even) or high (i ≥ 2) nibble of
     * ql[64n + l + 32·(i mod 2)], high bits at bit 2i of qh[32n + l]; value = d · scale[e / 16] · (q - 32).
     */
    @Test
    void q6_KKnownAnswer() {
        byte[] b = new byte[210];
        for (int s = 0; s < 16; s++) {
            b[192 + s] = (byte) (s - 8);
        }
        putHalf(b, 208, 0.125f);
        for (int e = 0; e < 256; e++) {
            int q = (5 * e) % 64;
            int n = e / 128;
            int i = (e % 128) / 32;
            int l = e % 32;
            int ql = 64 * n + l + 32 * (i % 2);
            b[ql] |= (byte) (i < 2 ? q & 15 : (q & 15) << 4);
            b[128 + 32 * n + l] |= (byte) ((q >> 4) << (2 * i));
        }
        float[] y = QuantFormat.Q6_K.dequantize(MemorySegment.ofArray(b), 1, 256);
        for (int e = 0; e < 256; e++) {
            assertThat(y[e]).as("element %d", e).isEqualTo(0.125f * (e / 16 - 8) * ((5 * e) % 64 - 32));
        }
    }

    @ParameterizedTest
    @EnumSource(QuantFormat.class)
    void randomBlocksDecodeExactlyAsGgml(QuantFormat f) {
        int rows = 3;
        int cols = 2 * f.block();
        MemorySegment q = MemorySegment.ofArray(randomBlocks(f, rows * 2, 7 + f.ordinal()));
        float[] expected = new float[rows * cols];
        GgmlDequantizer.dequantize(ggml(f), q, 0, expected, 0, expected.length);
        assertThat(f.dequantize(q, rows, cols)).containsExactly(expected);
    }

    /** The writer's quantisers: the error per weight stays within the format's step (and is not zero). */
    @ParameterizedTest
    @EnumSource(QuantFormat.class)
    void quantiserRoundTripsWithinTheStep(QuantFormat f) {
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[4 * 256];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        byte[] blocks = quantize(f, x);
        assertThat(blocks).hasSize((int) f.byteSize(4, 256));
        float[] y = f.dequantize(MemorySegment.ofArray(blocks), 4, 256);
        double sq = 0;
        double maxErr = 0;
        for (int i = 0; i < x.length; i++) {
            sq += (double) (y[i] - x[i]) * (y[i] - x[i]);
            maxErr = Math.max(maxErr, Math.abs(y[i] - x[i]));
        }
        double rms = Math.sqrt(sq / x.length);
        // Step of a 4-bit code over a Gaussian block's range (~±2.5σ .. ±3.5σ): ~0.4; half a step plus the
        // rounding of 6-bit scales for the worst weight. 6 bits: four times finer.
        double maxStep = f == QuantFormat.Q6_K ? 0.15 : 0.6;
        assertThat(maxErr).as("%s max error", f).isLessThan(maxStep).isGreaterThan(0);
        assertThat(rms).as("%s rms error", f).isLessThan(maxStep / 2.5);
    }

    @Test
    void wrongSizesAreRefused() {
        assertThatThrownBy(() -> QuantFormat.Q4_K.byteSize(2, 128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 256");
        assertThatThrownBy(() -> QuantFormat.Q4_0.dequantize(MemorySegment.ofArray(new byte[35]), 2, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 36 bytes, got 35");
        assertThatThrownBy(() -> QuantFormat.Q6_K.checkSize(MemorySegment.ofArray(new byte[421]), 2, 256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 420 bytes");
        assertThatThrownBy(() -> QuantFormat.Q4_0.byteSize(0, 32)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Random quants and scales, every fp16 field finite (a random bit pattern could be NaN or infinite). */
    static byte[] randomBlocks(QuantFormat f, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] raw = new byte[count * f.blockBytes()];
        for (int b = 0; b < count; b++) {
            int at = b * f.blockBytes();
            for (int j = 0; j < f.blockBytes(); j++) {
                raw[at + j] = (byte) r.nextInt(256);
            }
            float d = r.nextInt(19) == 0 ? 0f : (float) (r.nextDouble() * 0.05);
            switch (f) {
                case Q4_0 -> putHalf(raw, at, d);
                case Q4_K -> {
                    putHalf(raw, at, d);
                    putHalf(raw, at + 2, (float) (r.nextDouble() * 0.05));
                }
                case Q6_K -> putHalf(raw, at + 208, d / 8);
            }
        }
        return raw;
    }

    /** A [rows, cols] matrix of random blocks, as a heap segment. */
    static MemorySegment randomMatrix(QuantFormat f, int rows, int cols, long seed) {
        return MemorySegment.ofArray(randomBlocks(f, rows * (cols / f.block()), seed));
    }

    static GgmlType ggml(QuantFormat f) {
        return switch (f) {
            case Q4_0 -> GgmlType.Q4_0;
            case Q4_K -> GgmlType.Q4_K;
            case Q6_K -> GgmlType.Q6_K;
        };
    }

    static byte[] quantize(QuantFormat f, float[] x) {
        return switch (f) {
            case Q4_0 -> GgmlQuantizer.quantizeQ4_0(x);
            case Q4_K -> GgmlQuantizer.quantizeQ4_K(x);
            case Q6_K -> GgmlQuantizer.quantizeQ6_K(x);
        };
    }

    private static void putHalf(byte[] b, int at, float v) {
        short h = Float.floatToFloat16(v);
        b[at] = (byte) h;
        b[at + 1] = (byte) (h >> 8);
    }
}
