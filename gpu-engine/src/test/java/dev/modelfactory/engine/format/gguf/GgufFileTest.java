package dev.modelfactory.engine.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.ModelSpec;
import dev.modelfactory.engine.format.RopeStyle;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {

    @TempDir
    Path dir;

    private static float[] range(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.5f - 3;
        }
        return v;
    }

    private static GgufTestWriter tinyLlama() {
        return new GgufTestWriter()
                .string("general.architecture", "llama")
                .u32("llama.embedding_length", 8)
                .u32("llama.block_count", 1)
                .u32("llama.attention.head_count", 2)
                .u32("llama.attention.head_count_kv", 1)
                .u32("llama.feed_forward_length", 16)
                .u32("llama.context_length", 128)
                .f32("llama.rope.freq_base", 500000f)
                .f32("llama.attention.layer_norm_rms_epsilon", 1e-6f)
                .strings("tokenizer.ggml.tokens", List.of("a", "b", "c", "d"))
                .f32Tensor("token_embd.weight", new long[] {8, 4}, range(32))
                .f32Tensor("output_norm.weight", new long[] {8}, range(8));
    }

    @Test
    void readsMetadataTensorsAndReversesShapes() throws Exception {
        Path file = tinyLlama().write(dir.resolve("m.gguf"));
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.version()).isEqualTo(3);
            assertThat(f.alignment()).isEqualTo(32);
            assertThat(f.dataOffset() % 32).isZero();
            assertThat(f.getString("general.architecture")).contains("llama");
            assertThat(f.names()).containsExactly("token_embd.weight", "output_norm.weight");
            GgufTensor emb = f.tensor("token_embd.weight");
            assertThat(emb.shape()).containsExactly(4, 8);
            assertThat(emb.rows()).isEqualTo(4);
            assertThat(emb.cols()).isEqualTo(8);
            assertThat(f.dequantize("token_embd.weight")).containsExactly(range(32));
            assertThat(f.dequantizeRows("token_embd.weight", 2, 1)).containsExactly(Arrays.copyOfRange(range(32), 16, 24));
            assertThat(emb.rowSlice(1, 2).byteSize()).isEqualTo(64);

            ModelSpec spec = GgufModelSpecs.from(f);
            assertThat(spec.architecture()).isEqualTo("llama");
            assertThat(spec.dim()).isEqualTo(8);
            assertThat(spec.heads()).isEqualTo(2);
            assertThat(spec.kvHeads()).isEqualTo(1);
            assertThat(spec.headDim()).isEqualTo(4);
            assertThat(spec.vocabSize()).isEqualTo(4);
            assertThat(spec.ropeTheta()).isEqualTo(500000.0);
            assertThat(spec.rmsNormEps()).isCloseTo(1e-6, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(spec.ropeStyle()).isEqualTo(RopeStyle.NORMAL);
            assertThat(spec.tiedEmbeddings()).isTrue();
            assertThat(spec.qkvBias()).isFalse();
        }
    }

    @Test
    void qwen2IsNeoxAndSeesBias() {
        GgufFile f = new GgufTestWriter()
                .string("general.architecture", "qwen2")
                .u32("qwen2.embedding_length", 4).u32("qwen2.block_count", 1).u32("qwen2.attention.head_count", 1)
                .u32("qwen2.feed_forward_length", 8).u32("qwen2.vocab_size", 3)
                .string("qwen2.rope.scaling.type", "yarn").f32("qwen2.rope.scaling.factor", 4f)
                .f32Tensor("blk.0.attn_q.bias", new long[] {4}, range(4))
                .f32Tensor("output.weight", new long[] {4, 3}, range(12))
                .parse();
        ModelSpec spec = GgufModelSpecs.from(f);
        assertThat(spec.ropeStyle()).isEqualTo(RopeStyle.NEOX);
        assertThat(spec.qkvBias()).isTrue();
        assertThat(spec.tiedEmbeddings()).isFalse();
        assertThat(spec.ropeScaling()).hasValueSatisfying(s -> {
            assertThat(s.type()).isEqualTo("yarn");
            assertThat(s.factor()).isEqualTo(4.0);
        });
    }

    @Test
    void readsEveryValueTypeAndNestedArrays() {
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        GgufTestWriter.le(nested, GgufValueType.ARRAY.id(), 4);
        GgufTestWriter.le(nested, 2, 8);
        for (int i = 0; i < 2; i++) {
            GgufTestWriter.le(nested, GgufValueType.UINT16.id(), 4);
            GgufTestWriter.le(nested, 2, 8);
            GgufTestWriter.le(nested, 10 * i + 1, 2);
            GgufTestWriter.le(nested, 0xFFFF, 2);
        }
        GgufFile f = new GgufTestWriter().version(2)
                .raw("u8", GgufValueType.UINT8, new byte[] {(byte) 200})
                .raw("i8", GgufValueType.INT8, new byte[] {(byte) -5})
                .raw("u16", GgufValueType.UINT16, new byte[] {(byte) 0xFF, (byte) 0xFF})
                .raw("i16", GgufValueType.INT16, new byte[] {(byte) 0xFE, (byte) 0xFF})
                .u32("u32", 0xFFFFFFFFL)
                .i32("i32", -7)
                .raw("u64", GgufValueType.UINT64, new byte[] {1, 0, 0, 0, 0, 0, 0, 0})
                .raw("i64", GgufValueType.INT64, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1})
                .raw("f64", GgufValueType.FLOAT64, longBytes(Double.doubleToLongBits(2.5)))
                .f32("f32", 1.25f)
                .bool("yes", true)
                .string("s", "héllo ▁")
                .floats("fa", new float[] {1, 2})
                .ints("ia", new int[] {-1, 3})
                .raw("nested", GgufValueType.ARRAY, nested.toByteArray())
                .parse();
        assertThat(f.version()).isEqualTo(2);
        assertThat(f.getLong("u8")).contains(200L);
        assertThat(f.getLong("i8")).contains(-5L);
        assertThat(f.getLong("u16")).contains(65535L);
        assertThat(f.getLong("i16")).contains(-2L);
        assertThat(f.getLong("u32")).contains(0xFFFFFFFFL);
        assertThat(f.getLong("i32")).contains(-7L);
        assertThat(f.getLong("u64")).contains(1L);
        assertThat(f.getLong("i64")).contains(-1L);
        assertThat(f.getDouble("f64")).contains(2.5);
        assertThat(f.getDouble("f32")).contains(1.25);
        assertThat(f.getBoolean("yes")).contains(true);
        assertThat(f.getString("s")).contains("héllo ▁");
        assertThat((float[]) f.getArray("fa").orElseThrow().values()).containsExactly(1f, 2f);
        assertThat((long[]) f.getArray("ia").orElseThrow().values()).containsExactly(-1L, 3L);
        GgufArray[] inner = (GgufArray[]) f.getArray("nested").orElseThrow().values();
        assertThat((long[]) inner[1].values()).containsExactly(11L, 65535L);
        assertThatThrownBy(() -> f.getString("u8")).isInstanceOf(ModelFormatException.class).hasMessageContaining("u8");
        assertThat(f.tensors()).isEmpty();
    }

    @Test
    void honoursCustomAlignment() {
        GgufFile f = new GgufTestWriter().alignment(64)
                .f32Tensor("a", new long[] {3}, range(3))
                .f32Tensor("b", new long[] {2}, range(2))
                .parse();
        assertThat(f.alignment()).isEqualTo(64);
        assertThat(f.dataOffset() % 64).isZero();
        assertThat(f.tensor("b").fileOffset() - f.dataOffset()).isEqualTo(64);
        assertThat(f.dequantize("b")).containsExactly(range(2));
    }

    @Test
    void quantisedRowsAreWholeBlocks() {
        float[] x = range(128); // 2 rows of 64 = 2 Q8_0 blocks per row
        GgufFile f = new GgufTestWriter()
                .tensor("q", GgmlType.Q8_0, new long[] {64, 2}, GgmlQuantizer.quantizeQ8_0(x))
                .parse();
        GgufTensor t = f.tensor("q");
        assertThat(t.rowBytes()).isEqualTo(2 * 34);
        float[] all = f.dequantize("q");
        assertThat(f.dequantizeRows("q", 1, 1)).containsExactly(Arrays.copyOfRange(all, 64, 128));
        assertThat(t.rowSlice(1, 1).byteSize()).isEqualTo(68);
        assertThat(f.dtype("q")).isEqualTo("Q8_0");
    }

    private static byte[] longBytes(long v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        GgufTestWriter.le(o, v, 8);
        return o.toByteArray();
    }

    @Test
    void everyTruncationIsRefusedCleanly() {
        byte[] whole = tinyLlama().build();
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            try {
                GgufFile.parse(MemorySegment.ofArray(cut), "cut.gguf");
            } catch (ModelFormatException expected) {
                assertThat(expected.getMessage()).startsWith("cut.gguf: ");
            }
        }
    }
}
