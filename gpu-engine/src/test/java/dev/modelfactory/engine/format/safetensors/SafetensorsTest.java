package dev.modelfactory.engine.format.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).array();
    }

    private static void refused(byte[] bytes, String... fragments) {
        var t = assertThatThrownBy(() -> SafetensorsFile.parse(MemorySegment.ofArray(bytes), "bad.safetensors"))
                .isInstanceOf(ModelFormatException.class).hasMessageStartingWith("bad.safetensors: ");
        for (String f : fragments) {
            t.hasMessageContaining(f);
        }
    }

    @Test
    void roundTripsThroughTheWriter() throws Exception {
        byte[] bf16 = {(byte) 0x80, 0x3F, 0x40, (byte) 0xC0}; // 1.0, -3.0
        byte[] f16 = {0x00, 0x3C, 0x00, (byte) 0xC0}; // 1.0, -2.0
        Path p = dir.resolve("m.safetensors");
        new SafetensorsWriter()
                .metadata("format", "pt")
                .addFloats("b.weight", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .add("a.bf16", SafetensorsDType.BF16, new long[] {2}, bf16)
                .add("c.f16", SafetensorsDType.F16, new long[] {1, 2}, f16)
                .add("d.ids", SafetensorsDType.I64, new long[] {1}, new byte[] {7, 0, 0, 0, 0, 0, 0, 0})
                .add("e.empty", SafetensorsDType.F32, new long[] {0, 4}, new byte[0])
                .write(p);
        byte[] bytes = Files.readAllBytes(p);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        assertThat(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8)).startsWith("{\"__metadata__\"");
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.metadata()).containsEntry("format", "pt");
            assertThat(f.names()).containsExactly("a.bf16", "b.weight", "c.f16", "d.ids", "e.empty");
            assertThat(f.dataOffset() % 8).isZero();
            assertThat(f.shape("b.weight")).containsExactly(2, 3);
            assertThat(f.dequantize("b.weight")).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(f.dequantize("a.bf16")).containsExactly(1f, -3f);
            assertThat(f.dequantize("c.f16")).containsExactly(1f, -2f);
            assertThat(f.dequantize("e.empty")).isEmpty();
            assertThat(f.raw("d.ids").byteSize()).isEqualTo(8);
            assertThat(f.dtype("d.ids")).isEqualTo("I64");
            assertThatThrownBy(() -> f.dequantize("d.ids")).hasMessageContaining("not a floating-point");
        }
        // deterministic: the same content in another order gives the same bytes
        Path q = dir.resolve("n.safetensors");
        new SafetensorsWriter()
                .add("e.empty", SafetensorsDType.F32, new long[] {0, 4}, new byte[0])
                .add("d.ids", SafetensorsDType.I64, new long[] {1}, new byte[] {7, 0, 0, 0, 0, 0, 0, 0})
                .add("c.f16", SafetensorsDType.F16, new long[] {1, 2}, f16)
                .add("a.bf16", SafetensorsDType.BF16, new long[] {2}, bf16)
                .addFloats("b.weight", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .metadata("format", "pt")
                .write(q);
        assertThat(Files.readAllBytes(q)).isEqualTo(bytes);
        try (var s = Files.list(dir)) {
            assertThat(s.map(x -> x.getFileName().toString())).containsExactlyInAnyOrder("m.safetensors", "n.safetensors");
        }
    }

    @Test
    void readsAHandWrittenSpecFile() {
        String h = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] b = file(h, 8);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + h.length(), 1.5f).putFloat(12 + h.length(), -2f);
        assertThat(SafetensorsFile.parse(MemorySegment.ofArray(b), "x").dequantize("x")).containsExactly(1.5f, -2f);
    }

    @Test
    void refusesLies() {
        refused(new byte[4], "too short");
        refused(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array(), "header length");
        refused(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array(), "header length");
        refused(file("[1,2]   ", 0), "start with '{'");
        refused(file("{\"a\":", 0), "not valid JSON");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "Duplicate");
        refused(file("{\"a\":{\"dtype\":\"F7\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "tensor a.dtype", "unknown dtype F7");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 8), "tensor a", "need 8 bytes");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 2), "tensor a.data_offsets", "past");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4), "begin 4 > end 0");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "tensor a.shape[0]");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4), "data_offsets");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,4]}}", 4),
                "overflows");
        refused(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlaps tensor");
        refused(file("{\"__metadata__\":{\"k\":1}}", 0), "__metadata__.k");
        refused(file("{\"a\":7}", 0), "tensor a", "object");
    }

    @Test
    void writerRefusesWrongSizes() {
        assertThatThrownBy(() -> new SafetensorsWriter().add("a", SafetensorsDType.F32, new long[] {3}, new byte[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 12 bytes");
    }

    @Test
    void shardedIndex() throws Exception {
        new SafetensorsWriter().addFloats("a", new long[] {1}, new float[] {1}).write(dir.resolve("s1.safetensors"));
        new SafetensorsWriter().addFloats("b", new long[] {2}, new float[] {2, 3}).write(dir.resolve("s2.safetensors"));
        Path index = Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"metadata\":{\"total_size\":12},\"weight_map\":{\"a\":\"s1.safetensors\",\"b\":\"s2.safetensors\"}}");
        try (ShardedSafetensors s = ShardedSafetensors.open(index)) {
            assertThat(s.names()).containsExactly("a", "b");
            assertThat(s.dequantize("b")).containsExactly(2f, 3f);
            assertThat(s.shards()).hasSize(2);
        }
        Files.writeString(index, "{\"weight_map\":{\"c\":\"s1.safetensors\"}}");
        assertThatThrownBy(() -> ShardedSafetensors.open(index)).hasMessageContaining("weight_map.c")
                .hasMessageContaining("not found in shard");
        Files.writeString(index, "{\"weight_map\":{\"a\":\"../s1.safetensors\"}}");
        assertThatThrownBy(() -> ShardedSafetensors.open(index)).hasMessageContaining("outside the model folder");
    }
}
