package dev.modelfactory.engine.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A file written by llama.cpp's own Python package ({@code golden/make_golden.py}, gguf 0.19.0): its
 * writer, its metadata encoding and its dequantisers are the independent reference. Every block type
 * must dequantise bit-for-bit to the F32 tensor gguf-py computed from the same bytes.
 */
class GgufGoldenTest {

    private static Path golden() throws Exception {
        return Path.of(GgufGoldenTest.class.getResource("golden/golden.gguf").toURI());
    }

    @Test
    void metadataWrittenByGgufPy() throws Exception {
        try (GgufFile f = GgufFile.open(golden())) {
            assertThat(f.version()).isEqualTo(3);
            assertThat(f.getString("general.architecture")).contains("llama");
            assertThat(f.getLong("t.u8")).contains(200L);
            assertThat(f.getLong("t.i8")).contains(-5L);
            assertThat(f.getLong("t.u16")).contains(65535L);
            assertThat(f.getLong("t.i16")).contains(-2L);
            assertThat(f.getLong("t.u32")).contains(4294967295L);
            assertThat(f.getLong("t.i32")).contains(-7L);
            assertThat(Long.toUnsignedString(f.getLong("t.u64").orElseThrow())).isEqualTo("9223372036854775809");
            assertThat(f.getLong("t.i64")).contains(-1L);
            assertThat(f.getDouble("t.f32")).contains(1.25);
            assertThat(f.getDouble("t.f64")).contains(2.5);
            assertThat(f.getBoolean("t.bool")).contains(true);
            assertThat(f.getString("t.str")).contains("héllo ▁");
            assertThat((String[]) f.getArray("t.strs").orElseThrow().values()).containsExactly("a", "bc");
            assertThat(f.getArray("t.arr").orElseThrow().length()).isEqualTo(3);
        }
    }

    @Test
    void everyBlockTypeMatchesGgufPyBitForBit() throws Exception {
        try (GgufFile f = GgufFile.open(golden())) {
            int checked = 0;
            for (GgufTensor t : f.tensors()) {
                if (t.name().startsWith("expected.")) {
                    continue;
                }
                String type = t.name().substring(2);
                assertThat(t.type().name()).isEqualTo(type);
                float[] expected = f.dequantize("expected." + type);
                float[] actual = f.dequantize(t.name());
                assertThat(t.shape()).containsExactly(f.shape("expected." + type));
                for (int i = 0; i < expected.length; i++) {
                    assertThat(Float.floatToRawIntBits(actual[i])).as("%s element %d: %s vs %s", type, i, actual[i],
                            expected[i]).isEqualTo(Float.floatToRawIntBits(expected[i]));
                }
                checked++;
            }
            assertThat(checked).isEqualTo(11);
        }
    }
}
