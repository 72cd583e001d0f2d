package dev.modelfactory.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.modelfactory.engine.backend.RopeScaling;
import dev.modelfactory.engine.backend.RopeStyle;

/**
 * The independent reference: a Llama forward written from the textbook formulas in DJL NDArray ops on
 * PyTorch, sharing nothing with the engine but the weights and the config. Full sequence, no KV cache.
 * Shapes: x [T, C]; per-head tensors [H, T, D].
 */
final class DjlLlama {

    private DjlLlama() {
    }

    /** Logits [T, V] row-major for the tokens at positions 0..T-1. */
    static float[] logits(LlamaConfig c, ModelWeights w, int[] tokens) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            int t = tokens.length;
            float[] oneHot = new float[t * c.vocabSize()];
            for (int i = 0; i < t; i++) {
                oneHot[i * c.vocabSize() + tokens[i]] = 1f;
            }
            NDArray x = m.create(oneHot, new Shape(t, c.vocabSize())).matMul(p(m, w, WeightNames.TOKEN_EMBD));
            NDArray[] cosSin = angles(m, c, t);
            NDArray mask = causalMask(m, t);
            for (int l = 0; l < c.layers(); l++) {
                NDArray h = rmsNorm(x, p(m, w, WeightNames.attnNorm(l)), c.rmsEps());
                NDArray q = linear(m, w, h, WeightNames.attnQ(l), c.qkvBias() ? WeightNames.attnQBias(l) : null);
                NDArray k = linear(m, w, h, WeightNames.attnK(l), c.qkvBias() ? WeightNames.attnKBias(l) : null);
                NDArray v = linear(m, w, h, WeightNames.attnV(l), c.qkvBias() ? WeightNames.attnVBias(l) : null);
                q = rope(heads(q, t, c.heads(), c.headDim()), cosSin, c.ropeStyle());
                k = rope(heads(k, t, c.kvHeads(), c.headDim()), cosSin, c.ropeStyle());
                v = heads(v, t, c.kvHeads(), c.headDim());
                k = repeatKv(k, c.heads() / c.kvHeads());
                v = repeatKv(v, c.heads() / c.kvHeads());
                NDArray scores = q.matMul(k.transpose(0, 2, 1)).div(Math.sqrt(c.headDim())).add(mask);
                NDArray att = scores.softmax(-1).matMul(v).transpose(1, 0, 2).reshape(t, c.dim());
                x = x.add(att.matMul(p(m, w, WeightNames.attnOutput(l)).transpose()));

                h = rmsNorm(x, p(m, w, WeightNames.ffnNorm(l)), c.rmsEps());
                NDArray g = h.matMul(p(m, w, WeightNames.ffnGate(l)).transpose());
                NDArray u = h.matMul(p(m, w, WeightNames.ffnUp(l)).transpose());
                NDArray silu = g.div(g.neg().exp().add(1f));
                x = x.add(silu.mul(u).matMul(p(m, w, WeightNames.ffnDown(l)).transpose()));
            }
            x = rmsNorm(x, p(m, w, WeightNames.OUTPUT_NORM), c.rmsEps());
            String out = c.tiedOutput() ? WeightNames.TOKEN_EMBD : WeightNames.OUTPUT;
            return x.matMul(p(m, w, out).transpose()).toFloatArray();
        }
    }

    private static NDArray p(NDManager m, ModelWeights w, String name) {
        int[] s = w.shape(name);
        long[] dims = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            dims[i] = s[i];
        }
        return m.create(w.floats(name), new Shape(dims));
    }

    private static NDArray linear(NDManager m, ModelWeights w, NDArray x, String weight, String bias) {
        NDArray y = x.matMul(p(m, w, weight).transpose());
        return bias == null ? y : y.add(p(m, w, bias));
    }

    private static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        NDArray ms = x.pow(2).mean(new int[] {-1}, true);
        return x.div(ms.add(eps).sqrt()).mul(weight);
    }

    /** [T, H·D] -> [H, T, D]. */
    private static NDArray heads(NDArray x, int t, int h, int d) {
        return x.reshape(t, h, d).transpose(1, 0, 2);
    }

    /** [Hkv, T, D] -> [H, T, D], head h reading kv head h / group. */
    private static NDArray repeatKv(NDArray x, int group) {
        NDList parts = new NDList();
        for (long h = 0; h < x.getShape().get(0) * group; h++) {
            parts.add(x.get(h / group));
        }
        return NDArrays.stack(parts, 0);
    }

    /** cos and sin [T, D/2] of position · inverse frequency, Llama 3 scaled when configured. */
    private static NDArray[] angles(NDManager m, LlamaConfig c, int t) {
        int half = c.headDim() / 2;
        float[] cos = new float[t * half];
        float[] sin = new float[t * half];
        for (int i = 0; i < half; i++) {
            double inv = Math.pow(c.ropeTheta(), -2.0 * i / c.headDim());
            RopeScaling s = c.ropeScaling();
            if (s != null) {
                inv = llama3(inv, s);
            }
            for (int pos = 0; pos < t; pos++) {
                cos[pos * half + i] = (float) Math.cos(pos * (double) (float) inv);
                sin[pos * half + i] = (float) Math.sin(pos * (double) (float) inv);
            }
        }
        return new NDArray[] {m.create(cos, new Shape(t, half)), m.create(sin, new Shape(t, half))};
    }

    /** Llama 3.1 frequency rule as published in Meta's reference code. */
    private static double llama3(double freq, RopeScaling s) {
        double lowWavelen = s.originalMaxPosition() / s.lowFreqFactor();
        double highWavelen = s.originalMaxPosition() / s.highFreqFactor();
        double wavelen = 2 * Math.PI / freq;
        if (wavelen < highWavelen) {
            return freq;
        } else if (wavelen > lowWavelen) {
            return freq / s.factor();
        }
        double smooth = (s.originalMaxPosition() / wavelen - s.lowFreqFactor()) / (s.highFreqFactor() - s.lowFreqFactor());
        return (1 - smooth) * freq / s.factor() + smooth * freq;
    }

    /** x [H, T, D] rotated: rotate-half pairs (i, i + D/2), interleaved pairs (2i, 2i+1). */
    private static NDArray rope(NDArray x, NDArray[] cosSin, RopeStyle style) {
        long h = x.getShape().get(0);
        long t = x.getShape().get(1);
        long d = x.getShape().get(2);
        NDArray cos = cosSin[0];
        NDArray sin = cosSin[1];
        if (style == RopeStyle.ROTATE_HALF) {
            NDArray cosFull = cos.concat(cos, 1);
            NDArray sinFull = sin.concat(sin, 1);
            NDArray x1 = x.get(":, :, 0:" + d / 2);
            NDArray x2 = x.get(":, :, " + d / 2 + ":");
            NDArray rotated = x2.neg().concat(x1, 2);
            return x.mul(cosFull).add(rotated.mul(sinFull));
        }
        NDArray pairs = x.reshape(h, t, d / 2, 2);
        NDArray a = pairs.get(":, :, :, 0");
        NDArray b = pairs.get(":, :, :, 1");
        NDArray ra = a.mul(cos).sub(b.mul(sin));
        NDArray rb = b.mul(cos).add(a.mul(sin));
        return NDArrays.stack(new NDList(ra, rb), 3).reshape(h, t, d);
    }

    /** [T, T]: 0 on and below the diagonal, -inf above. */
    private static NDArray causalMask(NDManager m, int t) {
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i * t + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return m.create(mask, new Shape(t, t));
    }
}
