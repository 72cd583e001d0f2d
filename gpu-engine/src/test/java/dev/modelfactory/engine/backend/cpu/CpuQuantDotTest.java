package dev.modelfactory.engine.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.QuantFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused unpack-and-dot kernels ({@link CpuQuantDot}, the one-x-row path of {@link CpuMappedQuantMatmul})
 * reached directly, whatever the machine's vector width picks: every output equals the fp64 dot product of x
 * with the reference-dequantised row ({@link QuantFormat#dequantize}) to a length-K fp32 sum's rounding (the
 * kernels scale a block's sum once instead of every weight, so only the rounding order differs; a wrong
 * nibble, bit pair, scale or block offset is off by whole terms). K covers 1 block and odd block counts (the
 * 2-blocks-per-pass Q4_0 loop ends on a single block), 1 and several rows, at a misaligned off-heap address
 * as a mapped file gives it; the multi-threaded row split runs with 1 and 2 threads.
 */
class CpuQuantDotTest {

    private static final Arena ARENA = Arena.ofShared();
    private static final CpuThreads ONE = new CpuThreads(1);
    private static final CpuThreads TWO = new CpuThreads(2);

    @AfterAll
    static void closeAll() {
        ONE.close();
        TWO.close();
        ARENA.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(QuantFormat.values()).flatMap(f -> {
            int[] blocks = f == QuantFormat.Q4_0 ? new int[] {1, 2, 3, 9, 17, 64} : new int[] {1, 2, 3, 5};
            return IntStream.of(blocks).boxed()
                    .flatMap(kb -> IntStream.of(1, 3, 40).mapToObj(n -> Arguments.of(f, kb * f.block(), n)));
        });
    }

    @ParameterizedTest(name = "{0} [{2},{1}] · x")
    @MethodSource("cases")
    void fusedDotEqualsTheDequantisedRowsDot(QuantFormat f, int k, int n) {
        MemorySegment heap = MemorySegment.ofArray(blocks(f, n * (k / f.block()), 17L * k + n));
        float[] w = f.dequantize(heap, n, k);
        CpuMappedQuantWeight mw = new CpuMappedQuantWeight(f, offHeap(heap, 5), n, k);
        float[] x = random(k + 3, k);
        float[] one = new float[n];
        float[] two = new float[n];
        CpuMappedQuantMatmul.fused(ONE, x, mw, one);
        CpuMappedQuantMatmul.fused(TWO, x, mw, two);
        for (int r = 0; r < n; r++) {
            double exact = 0;
            double mag = 0;
            for (int j = 0; j < k; j++) {
                exact += (double) w[r * k + j] * x[j];
                mag += Math.abs((double) w[r * k + j] * x[j]);
            }
            double tol = 4 * Math.sqrt(k) * 0x1p-24 * mag + 1e-7;
            assertThat((double) one[r]).as("%s row %d, 1 thread", f, r).isCloseTo(exact, org.assertj.core.data.Offset.offset(tol));
            assertThat(two[r]).as("%s row %d, 2 threads equal 1", f, r).isEqualTo(one[r]);
            // x at an offset: the same row against the same values shifted in the array.
            float[] shifted = new float[k + 3];
            System.arraycopy(x, 0, shifted, 3, k);
            assertThat(CpuQuantDot.dot(mw, r, shifted, 3)).as("%s row %d, x at offset 3", f, r).isEqualTo(one[r]);
        }
    }

    /**
     * Both Q6_K decoders (byte lanes where 256-bit vectors are native, int lanes elsewhere; a machine runs only
     * one) are bit-exact with the reference, over several blocks at a misaligned address.
     */
    @Test
    void bothQ6KDecodersAreBitExact() {
        QuantFormat f = QuantFormat.Q6_K;
        int count = 5;
        MemorySegment heap = MemorySegment.ofArray(blocks(f, count, 77));
        MemorySegment q = offHeap(heap, 3);
        float[] want = f.dequantize(heap, 1, count * 256);
        float[] bytes = new float[count * 256 + 4];
        float[] ints = new float[count * 256 + 4];
        CpuQuantDecode.q6_KBytes(q, 0, count, bytes, 4);
        CpuQuantDecode.q6_KInts(q, 0, count, ints, 4);
        assertThat(java.util.Arrays.copyOfRange(bytes, 4, bytes.length)).as("byte lanes").containsExactly(want);
        assertThat(java.util.Arrays.copyOfRange(ints, 4, ints.length)).as("int lanes").containsExactly(want);
    }

    /** A row or an x range outside the tensor is refused before any read. */
    @Test
    void refusesRowsAndRangesOutside() {
        QuantFormat f = QuantFormat.Q4_K;
        MemorySegment heap = MemorySegment.ofArray(blocks(f, 2, 3));
        CpuMappedQuantWeight mw = new CpuMappedQuantWeight(f, offHeap(heap, 1), 2, 256);
        assertThatThrownBy(() -> CpuQuantDot.dot(mw, 2, new float[256], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> CpuQuantDot.dot(mw, 0, new float[256], 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Random quants, finite fp16 scales (some zero), as {@code QuantFormatTest} makes them. */
    private static byte[] blocks(QuantFormat f, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] raw = new byte[count * f.blockBytes()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) r.nextInt(256);
        }
        for (int b = 0; b < count; b++) {
            int at = b * f.blockBytes();
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

    private static void putHalf(byte[] b, int at, float v) {
        short h = Float.floatToFloat16(v);
        b[at] = (byte) h;
        b[at + 1] = (byte) (h >> 8);
    }

    private static float[] random(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static MemorySegment offHeap(MemorySegment heap, int misalign) {
        return ARENA.allocate(heap.byteSize() + misalign).asSlice(misalign, heap.byteSize()).copyFrom(heap);
    }
}
