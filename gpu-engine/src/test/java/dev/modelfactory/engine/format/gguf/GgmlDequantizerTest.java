package dev.modelfactory.engine.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Known answers: blocks built byte by byte with chosen scales and quants, decoded, and compared with the
 * value each element must have by ggml's formula, computed here element by element from the layout
 * (a different walk over the bytes than the decoder's loops). Scales are powers of two, so results are exact.
 */
class GgmlDequantizerTest {

    private static float[] decode(GgmlType type, byte[] blocks) {
        int n = blocks.length / type.typeSize() * type.blockSize();
        float[] out = new float[n];
        GgmlDequantizer.dequantize(type, MemorySegment.ofArray(blocks), 0, out, 0, n);
        return out;
    }

    private static void half(byte[] b, int at, float v) {
        short h = Float.floatToFloat16(v);
        b[at] = (byte) h;
        b[at + 1] = (byte) (h >> 8);
    }

    private static int u(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void q4_0LiteralValues() {
        byte[] b = new byte[18];
        half(b, 0, 0.5f);
        b[2] = (byte) 0xF0; // element 0: low nibble 0 -> (0-8)*0.5 = -4; element 16: 15 -> 3.5
        b[3] = (byte) 0x98; // element 1: 8 -> 0; element 17: 9 -> 0.5
        float[] y = decode(GgmlType.Q4_0, b);
        assertThat(y[0]).isEqualTo(-4f);
        assertThat(y[16]).isEqualTo(3.5f);
        assertThat(y[1]).isEqualTo(0f);
        assertThat(y[17]).isEqualTo(0.5f);
        assertThat(y[2]).isEqualTo(-4f); // zero byte
    }

    @Test
    void q8_0AndQ8_1() {
        byte[] b = random(34, 1);
        half(b, 0, 0.25f);
        float[] y = decode(GgmlType.Q8_0, b);
        for (int j = 0; j < 32; j++) {
            assertThat(y[j]).isEqualTo(b[2 + j] * 0.25f);
        }
        byte[] c = random(36, 2);
        half(c, 0, 2f);
        float[] z = decode(GgmlType.Q8_1, c);
        for (int j = 0; j < 32; j++) {
            assertThat(z[j]).isEqualTo(c[4 + j] * 2f);
        }
    }

    @Test
    void q4_1Q5_0Q5_1() {
        byte[] b = random(20, 3);
        half(b, 0, 0.5f);
        half(b, 2, -1f);
        float[] y = decode(GgmlType.Q4_1, b);
        for (int i = 0; i < 32; i++) {
            int q = i < 16 ? u(b, 4 + i) & 15 : u(b, 4 + i - 16) >> 4;
            assertThat(y[i]).isEqualTo(q * 0.5f - 1f);
        }
        byte[] c = random(22, 4);
        half(c, 0, 0.125f);
        int qh = u(c, 2) | u(c, 3) << 8 | u(c, 4) << 16 | u(c, 5) << 24;
        float[] z = decode(GgmlType.Q5_0, c);
        for (int i = 0; i < 32; i++) {
            int low = i < 16 ? u(c, 6 + i) & 15 : u(c, 6 + i - 16) >> 4;
            int q = low | ((qh >>> i) & 1) << 4; // fifth bit of element i is bit i
            assertThat(z[i]).isEqualTo((q - 16) * 0.125f);
        }
        byte[] e = random(24, 5);
        half(e, 0, 0.25f);
        half(e, 2, 3f);
        int qh1 = u(e, 4) | u(e, 5) << 8 | u(e, 6) << 16 | u(e, 7) << 24;
        float[] w = decode(GgmlType.Q5_1, e);
        for (int i = 0; i < 32; i++) {
            int low = i < 16 ? u(e, 8 + i) & 15 : u(e, 8 + i - 16) >> 4;
            int q = low | ((qh1 >>> i) & 1) << 4;
            assertThat(w[i]).isEqualTo(q * 0.25f + 3f);
        }
    }

    /** get_scale_min_k4 written as bit positions: 6-bit fields scattered over the 12 bytes. */
    private static int[] scaleMin(byte[] b, int at, int j) {
        if (j < 4) {
            return new int[] {u(b, at + j) & 63, u(b, at + 4 + j) & 63};
        }
        int sc = (u(b, at + 8 + j - 4) & 15) + 16 * (u(b, at + j - 4) >> 6);
        int m = (u(b, at + 8 + j - 4) >> 4) + 16 * (u(b, at + j) >> 6);
        return new int[] {sc, m};
    }

    @Test
    void q4_K() {
        byte[] b = random(144 * 2, 6);
        for (int blk = 0; blk < 2; blk++) {
            half(b, blk * 144, 0.5f);
            half(b, blk * 144 + 2, 0.25f);
        }
        float[] y = decode(GgmlType.Q4_K, b);
        for (int blk = 0; blk < 2; blk++) {
            int o = blk * 144;
            for (int i = 0; i < 256; i++) {
                int sub = i / 32; // 8 sub-blocks of 32; pairs share 32 bytes of qs (low, then high nibbles)
                int qByte = u(b, o + 16 + 32 * (sub / 2) + i % 32);
                int q = sub % 2 == 0 ? qByte & 15 : qByte >> 4;
                int[] sm = scaleMin(b, o + 4, sub);
                assertThat(y[blk * 256 + i]).as("element %d", i).isEqualTo(0.5f * sm[0] * q - 0.25f * sm[1]);
            }
        }
    }

    @Test
    void q4_KLiteral() {
        byte[] b = new byte[144];
        half(b, 0, 1f);
        half(b, 2, 1f);
        b[4] = 3; // sub-block 0 scale 3
        b[8] = 2; // sub-block 0 min 2
        b[16] = 0x75; // element 0: q=5, element 32 (sub-block 1, scale 0, min 0): q=7
        b[4 + 8] = (byte) 0x21; // sub-block 4: scale low nibble 1, min low nibble 2
        b[4 + 0] |= (byte) 0x40; // ... scale high bits 01 -> scale 1 + 16 = 17
        float[] y = decode(GgmlType.Q4_K, b);
        assertThat(y[0]).isEqualTo(3f * 5 - 2f);
        assertThat(y[32]).isEqualTo(0f);
        assertThat(y[128]).isEqualTo(-2f); // q=0, min 2
        // sub-block 0's scale byte now also carries bit 6, which must not leak into its 6-bit scale
        assertThat(y[1]).isEqualTo(-2f);
    }

    @Test
    void q5_K() {
        byte[] b = random(176, 7);
        half(b, 0, 0.5f);
        half(b, 2, 0.125f);
        float[] y = decode(GgmlType.Q5_K, b);
        for (int i = 0; i < 256; i++) {
            int sub = i / 32;
            int qByte = u(b, 48 + 32 * (sub / 2) + i % 32);
            int low = sub % 2 == 0 ? qByte & 15 : qByte >> 4;
            int high = (u(b, 16 + i % 32) >> sub) & 1; // qh bit `sub` of byte i%32
            int[] sm = scaleMin(b, 4, sub);
            assertThat(y[i]).as("element %d", i).isEqualTo(0.5f * sm[0] * (low + 16 * high) - 0.125f * sm[1]);
        }
    }

    @Test
    void q6_K() {
        byte[] b = random(210, 8);
        half(b, 208, 0.0625f);
        float[] y = decode(GgmlType.Q6_K, b);
        for (int i = 0; i < 256; i++) {
            int half128 = i / 128;
            int r = i % 128;
            int quarter = r / 32; // which nibble / bit pair
            int l = r % 32;
            int qlByte = u(b, 64 * half128 + l + (quarter % 2 == 1 ? 32 : 0));
            int low = quarter < 2 ? qlByte & 15 : qlByte >> 4;
            int high = (u(b, 128 + 32 * half128 + l) >> (2 * quarter)) & 3;
            int scale = b[192 + i / 16]; // 16 sub-blocks of 16 elements, in order
            assertThat(y[i]).as("element %d", i).isEqualTo(0.0625f * scale * ((low | high << 4) - 32));
        }
    }

    @Test
    void q6_KLiteral() {
        byte[] b = new byte[210];
        half(b, 208, 2f);
        b[192] = -3; // scale of elements 0..15
        b[0] = 0x01; // element 0 low = 1, high bits 0 -> q = 1 - 32 = -31
        float[] y = decode(GgmlType.Q6_K, b);
        assertThat(y[0]).isEqualTo(2f * -3 * -31);
        assertThat(y[1]).isEqualTo(2f * -3 * -32);
        assertThat(y[16]).isEqualTo(0f); // scale of 16..31 is 0
    }

    @Test
    void q2_K() {
        byte[] b = random(84, 9);
        half(b, 80, 0.5f);
        half(b, 82, 0.25f);
        float[] y = decode(GgmlType.Q2_K, b);
        for (int i = 0; i < 256; i++) {
            int sc = u(b, i / 16); // 16 sub-blocks of 16 in order: low nibble scale, high nibble min
            int half128 = i / 128;
            int r = i % 128;
            int shift = 2 * (r / 32);
            int q = (u(b, 16 + 32 * half128 + r % 32) >> shift) & 3;
            assertThat(y[i]).as("element %d", i).isEqualTo(0.5f * (sc & 15) * q - 0.25f * (sc >> 4));
        }
    }

    @Test
    void q3_K() {
        byte[] b = random(110, 10);
        half(b, 108, 0.5f);
        // The sixteen 6-bit scales: low nibbles from bytes 96..103 (low nibble for 0..7, high for 8..15),
        // high 2-bit pairs from bytes 104..107, bit pair (is / 4) ... written here as an explicit bit unpack.
        int[] scales = new int[16];
        for (int is = 0; is < 16; is++) {
            int low = is < 8 ? u(b, 96 + is) & 15 : u(b, 96 + is - 8) >> 4;
            int high = (u(b, 104 + is % 4) >> (2 * (is / 4))) & 3;
            scales[is] = (low | high << 4) - 32;
        }
        float[] y = decode(GgmlType.Q3_K, b);
        for (int i = 0; i < 256; i++) {
            int half128 = i / 128;
            int r = i % 128;
            int shift = 2 * (r / 32);
            int q = (u(b, 32 + 32 * half128 + r % 32) >> shift) & 3;
            int hbit = (u(b, r % 32) >> (4 * half128 + r / 32)) & 1;
            assertThat(y[i]).as("element %d", i).isEqualTo(0.5f * scales[i / 16] * (q - (hbit == 1 ? 0 : 4)));
        }
    }

    @Test
    void q8_K() {
        byte[] b = random(292, 11);
        int d = Float.floatToRawIntBits(0.75f);
        for (int k = 0; k < 4; k++) {
            b[k] = (byte) (d >>> (8 * k));
        }
        float[] y = decode(GgmlType.Q8_K, b);
        for (int i = 0; i < 256; i++) {
            assertThat(y[i]).isEqualTo(0.75f * b[4 + i]);
        }
    }

    @Test
    void plainTypes() {
        byte[] b = {0x00, 0x3C, 0x00, (byte) 0xC0}; // fp16 1.0, -2.0
        assertThat(decode(GgmlType.F16, b)).containsExactly(1f, -2f);
        byte[] bf = {(byte) 0x80, 0x3F, 0x40, (byte) 0xC0}; // bf16 1.0, -3.0
        assertThat(decode(GgmlType.BF16, bf)).containsExactly(1f, -3f);
    }

    @Test
    void quantiseThenDequantiseWithinTheFormatBound() {
        Random r = new Random(42);
        float[] x = new float[32 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() * (1 + i / 256);
        }
        float[] y8 = decode(GgmlType.Q8_0, GgmlQuantizer.quantizeQ8_0(x));
        float[] y4 = decode(GgmlType.Q4_0, GgmlQuantizer.quantizeQ4_0(x));
        for (int b = 0; b < x.length / 32; b++) {
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[b * 32 + j]));
            }
            for (int j = 0; j < 32; j++) {
                int i = b * 32 + j;
                // half a quantisation step, plus fp16 rounding of the scale (2^-11 relative)
                assertThat(Math.abs(y8[i] - x[i])).isLessThanOrEqualTo(amax / 127 * 0.5f + amax * 1e-3f);
                // Q4_0 maps the signed extreme to -8, so the other side clamps at 7: up to one full step
                assertThat(Math.abs(y4[i] - x[i])).isLessThanOrEqualTo(amax / 8 + amax * 1e-3f);
            }
        }
    }
}
