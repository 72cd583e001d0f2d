package dev.modelfactory.engine.format.gguf;

/**
 * ggml tensor element types that this reader understands, with ggml's numeric ids and block geometry:
 * {@code blockSize} elements are stored in {@code typeSize} bytes (1 element per "block" for plain types).
 * Ids not listed here (the IQ family, removed Q4_2/Q4_3 ids) are refused at load.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q8_1(9, 32, 36),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    BF16(30, 1, 2);

    private static final GgmlType[] BY_ID = new GgmlType[31];

    static {
        for (GgmlType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int blockSize;
    private final int typeSize;

    GgmlType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    public int id() {
        return id;
    }

    /** Elements per block. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int typeSize() {
        return typeSize;
    }

    /** True for the block-quantised types (anything with more than one element per block). */
    public boolean isQuantized() {
        return blockSize > 1;
    }

    /** True when {@link GgmlDequantizer} can turn this type into floats (integer types cannot). */
    public boolean isFloatConvertible() {
        return this != I8 && this != I16 && this != I32 && this != I64;
    }

    /** Bytes taken by {@code elements} elements; the count must be a whole number of blocks. */
    public long byteSize(long elements) {
        if (elements % blockSize != 0) {
            throw new IllegalArgumentException(elements + " elements is not a whole number of " + this + " blocks");
        }
        return Math.multiplyExact(elements / blockSize, (long) typeSize);
    }

    /** The type with this ggml id, or null when unknown. */
    public static GgmlType byId(long id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }
}
