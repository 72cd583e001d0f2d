package dev.modelfactory.engine.serve.lora;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.Projection;
import dev.modelfactory.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * An adapter merged into a model for one long conversation: for each adapted projection the model uses
 * {@code W' = W + s·B·A} (built from the base's fp32 values and uploaded as a new linear weight) instead
 * of W, so a decode step pays no LoRA work. Unmerging ({@link #close()}) is exact by construction: the
 * base's own tensor is kept, never written, and simply used again; nothing is subtracted, so there is no
 * rounding to undo. The cost is one extra copy of the adapted matrices while merged.
 *
 * <p>Merging changes what every session of the model computes: only do it while one conversation uses
 * the model, and never while a forward pass runs.
 */
public final class MergedLora implements AutoCloseable {

    private record Swapped(int layer, Projection projection, Tensor merged) {
    }

    private final LlamaModel model;
    private final LoraWeights weights;
    private final List<Swapped> swapped;
    private boolean closed;

    private MergedLora(LlamaModel model, LoraWeights weights, List<Swapped> swapped) {
        this.model = model;
        this.weights = weights;
        this.swapped = swapped;
    }

    /** Merges {@code weights} into {@code model}, reading the base matrices from {@code base}. */
    public static MergedLora merge(LlamaModel model, ModelWeights base, LoraWeights weights) {
        Backend be = model.backend();
        List<Swapped> done = new ArrayList<>();
        try {
            for (int l = 0; l < weights.layers(); l++) {
                for (Projection p : Projection.values()) {
                    LoraWeights.Site s = weights.site(l, p);
                    if (s == null) {
                        continue;
                    }
                    float[] w = base.floats(LoraLayout.weightName(l, p));
                    addDelta(w, s);
                    Tensor merged = be.uploadLinear(w, s.out(), s.in());
                    Tensor previous = model.overrideLinear(l, p, merged);
                    if (previous != null) {
                        model.overrideLinear(l, p, previous);
                        merged.close();
                        throw new IllegalStateException("layer " + l + " " + p
                                + " already has a merged weight: unmerge the other adapter first");
                    }
                    done.add(new Swapped(l, p, merged));
                }
            }
        } catch (RuntimeException e) {
            new MergedLora(model, weights, done).close();
            throw e;
        }
        return new MergedLora(model, weights, List.copyOf(done));
    }

    /**
     * {@code w [out, in] += Σ_k bt[k, o] · A[k, i]} (bt already holds s·Bᵀ): per output row the rank-r
     * combination of A's rows is summed in fp32 (Vector API) and then added to the base row once.
     */
    static void addDelta(float[] w, LoraWeights.Site s) {
        int in = s.in();
        int out = s.out();
        int r = s.rank();
        float[] a = new float[r * in];
        for (int k = 0; k < r; k++) {
            for (int i = 0; i < in; i++) {
                a[k * in + i] = LoraWeights.a(s, k, i);
            }
        }
        float[] row = new float[in];
        float[] bt = s.bt();
        for (int o = 0; o < out; o++) {
            java.util.Arrays.fill(row, 0f);
            for (int k = 0; k < r; k++) {
                LoraKernels.axpy(bt[k * out + o], a, k * in, row, 0, in);
            }
            LoraKernels.axpy(1f, row, 0, w, o * in, in);
        }
    }

    public LoraWeights weights() {
        return weights;
    }

    /** Unmerges: the model uses its base weights again, bit for bit. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Swapped s : swapped) {
            if (model.overrideLinear(s.layer(), s.projection(), null) != s.merged()) {
                throw new IllegalStateException("layer " + s.layer() + " " + s.projection() + " was swapped by someone else");
            }
            s.merged().close();
        }
    }
}
