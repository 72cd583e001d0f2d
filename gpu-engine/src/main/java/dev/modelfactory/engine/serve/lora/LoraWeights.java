package dev.modelfactory.engine.serve.lora;

import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.safetensors.SafetensorsDType;
import dev.modelfactory.engine.format.safetensors.SafetensorsFile;
import dev.modelfactory.engine.format.safetensors.SafetensorsTensor;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.Projection;
import dev.modelfactory.engine.train.LoraTarget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * One LoRA adapter ready to be applied unmerged: per layer and targeted projection a {@link Site} with A
 * [r, in] read in place from the memory-mapped {@code adapter_model.safetensors} (F32 files: no copy; other
 * float dtypes are converted to a heap copy) and {@code scaling · Bᵀ} [r, out] on the heap (transposed so
 * the expand step is a contiguous axpy per rank, the scaling folded in, and for a GGUF base with
 * interleaved RoPE the q/k output rows permuted from Hugging Face order into the base's).
 *
 * <p>A cold load therefore maps the file, touches its pages once ({@link MemorySegment#load}) and copies
 * only B (the small half for every projection but down). {@link #close()} unmaps; the owner must make
 * sure no forward pass still uses the adapter (the pool's leases do).
 */
public final class LoraWeights implements AutoCloseable {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** One adapted projection: A [rank, in] (little-endian F32 bytes), scaled Bᵀ [rank, out]. */
    public record Site(MemorySegment a, float[] bt, int rank, int in, int out) {
    }

    private final String id;
    private final SafetensorsFile file;
    private final Site[][] sites;
    private final long bytes;

    private LoraWeights(String id, SafetensorsFile file, Site[][] sites, long bytes) {
        this.id = id;
        this.file = file;
        this.sites = sites;
        this.bytes = bytes;
    }

    /**
     * Maps {@code weightsFile} and prepares every site, after checking the header against {@code base}
     * ({@link LoraLayout#check}); an unreadable or mismatching file is refused naming the adapter and key.
     */
    public static LoraWeights load(String id, Path weightsFile, PeftAdapterConfig config, LlamaConfig base) {
        SafetensorsFile file;
        try {
            file = SafetensorsFile.open(weightsFile);
        } catch (ModelFormatException e) {
            throw new AdapterException("adapter '" + id + "': " + e.getMessage(), e);
        }
        try {
            LoraLayout.check(id, file, config, base);
            int r = config.lora().rank();
            float scaling = config.lora().scaling();
            Site[][] sites = new Site[base.layers()][Projection.values().length];
            long bytes = 0;
            for (int l = 0; l < base.layers(); l++) {
                for (LoraTarget t : config.lora().targets()) {
                    Projection p = LoraLayout.projection(t);
                    int[] outIn = LoraLayout.outIn(p, base);
                    SafetensorsTensor at = file.tensor(t.peftKey(l, true));
                    MemorySegment a = at.dtype() == SafetensorsDType.F32 ? at.data()
                            : MemorySegment.ofArray(file.dequantize(at.name()));
                    if (a.isMapped()) {
                        a.load();
                    }
                    float[] b = file.dequantize(t.peftKey(l, false));
                    int heads = base.ropeStyle() == RopeStyle.INTERLEAVED
                            ? (p == Projection.Q ? base.heads() : p == Projection.K ? base.kvHeads() : 0) : 0;
                    float[] bt = scaledTranspose(b, outIn[0], r, scaling, heads);
                    sites[l][p.ordinal()] = new Site(a, bt, r, outIn[1], outIn[0]);
                    bytes += a.byteSize() + 4L * bt.length;
                }
            }
            return new LoraWeights(id, file, sites, bytes);
        } catch (RuntimeException e) {
            file.close();
            if (e instanceof ModelFormatException) {
                throw new AdapterException("adapter '" + id + "': " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * {@code s · Bᵀ} [r, out] from B [out, r]. With {@code heads > 0} (q/k of an interleaved-RoPE base) Hugging
     * Face row {@code h·D + p·D/2 + i} lands on the base's row {@code h·D + 2i + p}, as llama.cpp permutes.
     */
    static float[] scaledTranspose(float[] b, int out, int r, float s, int heads) {
        float[] bt = new float[out * r];
        int d = heads > 0 ? out / heads : 0;
        for (int o = 0; o < out; o++) {
            int dst = o;
            if (heads > 0) {
                int h = o / d;
                int within = o % d;
                int p = within / (d / 2);
                int i = within % (d / 2);
                dst = h * d + 2 * i + p;
            }
            for (int k = 0; k < r; k++) {
                bt[k * out + dst] = s * b[o * r + k];
            }
        }
        return bt;
    }

    public String id() {
        return id;
    }

    /** The adapted site of a projection, or null where the adapter leaves it alone. */
    public Site site(int layer, Projection p) {
        return sites[layer][p.ordinal()];
    }

    /** Layers covered (the base's layer count). */
    public int layers() {
        return sites.length;
    }

    /** Bytes held: A's mapped bytes (or heap copy) plus the scaled Bᵀ copies. */
    public long bytes() {
        return bytes;
    }

    /** A's value at [k, i] of a site (for merging and tests). */
    static float a(Site s, int k, int i) {
        return s.a().get(F32, 4L * ((long) k * s.in() + i));
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return "LoraWeights[" + id + ", " + bytes + " bytes]";
    }
}
