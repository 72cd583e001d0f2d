package dev.modelfactory.engine.format.gguf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.format.ModelFormatException;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lies a hostile or broken file can tell, each refused with a message naming the file and the field. */
class GgufMalformedTest {

    @TempDir
    Path dir;

    private static void refused(byte[] bytes, String... fragments) {
        var t = assertThatThrownBy(() -> GgufFile.parse(MemorySegment.ofArray(bytes), "bad.gguf"))
                .isInstanceOf(ModelFormatException.class).hasMessageStartingWith("bad.gguf: ");
        for (String f : fragments) {
            t.hasMessageContaining(f);
        }
    }

    private static byte[] header(long version, long tensors, long kvs) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        GgufTestWriter.le(o, GgufParser.MAGIC, 4);
        GgufTestWriter.le(o, version, 4);
        GgufTestWriter.le(o, tensors, 8);
        GgufTestWriter.le(o, kvs, 8);
        return o.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void badMagic() {
        refused("GGML0000000000000000000000".getBytes(), "bad magic", "offset 0");
    }

    @Test
    void unsupportedVersions() {
        refused(header(1, 0, 0), "unsupported GGUF version 1");
        refused(header(4, 0, 0), "unsupported GGUF version 4");
        refused(header(0x03000000L, 0, 0), "big-endian");
    }

    @Test
    void countsBeyondTheFile() {
        refused(header(3, Long.MAX_VALUE, 0), "tensor count");
        refused(header(3, -1, 0), "tensor count");
        refused(header(3, 0, 1L << 40), "metadata count");
    }

    @Test
    void stringLengthBeyondTheFile() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        GgufTestWriter.le(o, 1L << 50, 8);
        o.writeBytes(new byte[32]);
        refused(concat(header(3, 0, 1), o.toByteArray()), "metadata key #0 length", "offset 24");
    }

    @Test
    void arrayLengthBeyondTheFile() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        GgufTestWriter.le(o, GgufValueType.FLOAT32.id(), 4);
        GgufTestWriter.le(o, 1_000_000, 8);
        byte[] file = new GgufTestWriter().raw("k", GgufValueType.ARRAY, o.toByteArray()).build();
        refused(file, "k array length");
    }

    @Test
    void arraysAreCappedEvenWhenTheFileIsBigEnough() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        GgufTestWriter.le(o, GgufValueType.UINT8.id(), 4);
        GgufTestWriter.le(o, GgufParser.MAX_ARRAY_LENGTH + 1L, 8);
        byte[] head = new GgufTestWriter().raw("big", GgufValueType.ARRAY, o.toByteArray()).build();
        refused(java.util.Arrays.copyOf(head, head.length + GgufParser.MAX_ARRAY_LENGTH + 64), "big: array length",
                "exceeds the limit");
    }

    @Test
    void unknownTypeIds() {
        byte[] ok = new GgufTestWriter().raw("k", GgufValueType.UINT8, new byte[] {1}).build();
        // the value type id sits right after the key: 24 header + 8 length + 1 key byte
        ok[33] = 99;
        refused(ok, "metadata k", "unknown value type 99");
        refused(new GgufTestWriter().tensor(new GgufTestWriter.Tensor("t", 19, new long[] {32}, new byte[64], -1))
                .build(), "tensor t", "unknown or unsupported ggml type id 19");
    }

    @Test
    void boolMustBeZeroOrOne() {
        refused(new GgufTestWriter().raw("b", GgufValueType.BOOL, new byte[] {7}).build(), "bool value 7");
    }

    @Test
    void duplicates() {
        refused(new GgufTestWriter().u32("k", 1).u32("k", 2).build(), "duplicate metadata key k");
        refused(new GgufTestWriter().f32Tensor("t", new long[] {1}, new float[1])
                .f32Tensor("t", new long[] {1}, new float[1]).build(), "duplicate tensor t");
    }

    @Test
    void tensorDataOutOfRange() {
        refused(new GgufTestWriter().tensor(new GgufTestWriter.Tensor("t", 0, new long[] {4}, new byte[16], 1L << 40))
                .build(), "tensor t", "past the end");
        refused(new GgufTestWriter().tensor(new GgufTestWriter.Tensor("t", 0, new long[] {1000}, new byte[16], -1))
                .build(), "tensor t", "past the end");
    }

    @Test
    void overlappingTensors() {
        refused(new GgufTestWriter()
                .tensor(new GgufTestWriter.Tensor("a", 0, new long[] {16}, new byte[64], 0))
                .tensor(new GgufTestWriter.Tensor("b", 0, new long[] {16}, new byte[64], 32))
                .build(), "overlaps tensor a");
    }

    @Test
    void misalignedOffset() {
        refused(new GgufTestWriter().tensor(new GgufTestWriter.Tensor("t", 0, new long[] {1}, new byte[4], 4))
                .build(), "not aligned to 32");
    }

    @Test
    void absurdDimensions() {
        refused(new GgufTestWriter().tensor(new GgufTestWriter.Tensor("t", 0,
                new long[] {1L << 32, 1L << 32}, new byte[4], -1)).build(), "overflows");
        refused(new GgufTestWriter().tensor(new GgufTestWriter.Tensor("t", 0, new long[] {0}, new byte[4], -1))
                .build(), "dimension ne[0] = 0");
        refused(new GgufTestWriter().tensor(new GgufTestWriter.Tensor("t", 0, new long[] {1, 1, 1, 1, 1},
                new byte[4], -1)).build(), "n_dims 5");
        refused(new GgufTestWriter().tensor(new GgufTestWriter.Tensor("t", GgmlType.Q8_0.id(), new long[] {31},
                new byte[34], -1)).build(), "not a multiple of the Q8_0 block size 32");
    }

    @Test
    void badAlignment() {
        refused(new GgufTestWriter().u32("general.alignment", 3).build(), "general.alignment", "power of two");
        refused(new GgufTestWriter().string("general.alignment", "x").build(), "general.alignment", "integer");
    }

    @Test
    void deepNestingIsCapped() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            GgufTestWriter.le(o, GgufValueType.ARRAY.id(), 4);
            GgufTestWriter.le(o, 1, 8);
        }
        o.writeBytes(new byte[64]);
        refused(new GgufTestWriter().raw("deep", GgufValueType.ARRAY, o.toByteArray()).build(), "nested deeper");
    }

    @Test
    void fileErrorsNameTheFile() throws Exception {
        Path p = Files.write(dir.resolve("empty.gguf"), new byte[0]);
        assertThatThrownBy(() -> GgufFile.open(p)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("empty.gguf").hasMessageContaining("magic");
        assertThatThrownBy(() -> GgufFile.open(dir.resolve("missing.gguf"))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("missing.gguf");
    }
}
