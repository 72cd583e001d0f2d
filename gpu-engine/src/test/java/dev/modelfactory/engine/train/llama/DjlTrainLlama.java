package dev.modelfactory.engine.train.llama;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.TrainingBatch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The independent reference for a training step: a batched Llama forward with LoRA written from the textbook
 * formulas in DJL NDArray ops on PyTorch, differentiated by PyTorch's autograd ({@link GradientCollector}).
 * It shares nothing with the engine but the weights, the config and the batch. Shapes: x [B·T, C]; per-head
 * tensors [B, H, T, D]; the mask [B, 1, T, T] is 0 where key j ≤ query i in the same segment, else −∞.
 *
 * <p>LoRA ({@code lora} non-null): the adapters' values come from {@code adapters} (PEFT key → values) and
 * their gradients are returned; no dropout. Full fine-tuning ({@code lora} null): every weight's gradient is
 * returned under its GGUF name. {@code oneHotEmbedding}: the embedding lookup as a one-hot matmul (needed for
 * its gradient); otherwise the rows are gathered on the Java side (a frozen table).
 */
public final class DjlTrainLlama {

    /** Summed loss and gradients by parameter name. */
    public record Result(double loss, Map<String, float[]> grads) {
    }

    private final LlamaConfig c;
    private final NDManager m;
    private final ModelWeights weights;
    private final LoraConfig lora;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();

    /** Uploads the weights (and adapters) once, so a benchmark times only the step. */
    public DjlTrainLlama(NDManager m, LlamaConfig c, ModelWeights weights, LoraConfig lora, Map<String, float[]> adapters) {
        this.c = c;
        this.m = m;
        this.weights = weights;
        this.lora = lora;
        for (String name : weights.names()) {
            NDArray a = array(weights.floats(name), weights.shape(name));
            params.put(name, a);
            if (lora == null) {
                a.setRequiresGradient(true);
                trainable.put(name, a);
            }
        }
        if (lora != null) {
            for (Map.Entry<String, float[]> e : adapters.entrySet()) {
                int[] shape = e.getKey().contains("lora_A") ? new int[] {lora.rank(), e.getValue().length / lora.rank()}
                        : new int[] {e.getValue().length / lora.rank(), lora.rank()};
                NDArray a = array(e.getValue(), shape);
                a.setRequiresGradient(true);
                trainable.put(e.getKey(), a);
            }
        }
    }

    private NDArray array(float[] v, int[] shape) {
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return m.create(v, new Shape(dims));
    }

    /** One forward + backward; gradients are fresh per call. */
    public Result step(TrainingBatch batch, boolean oneHotEmbedding) {
        try (NDManager sub = m.newSubManager(); GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray loss = loss(sub, batch, oneHotEmbedding);
            gc.backward(loss);
            double value = loss.toFloatArray()[0];
            Map<String, float[]> grads = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : trainable.entrySet()) {
                grads.put(e.getKey(), e.getValue().getGradient().toFloatArray());
            }
            return new Result(value, grads);
        }
    }

    private NDArray loss(NDManager sub, TrainingBatch batch, boolean oneHotEmbedding) {
        int b = batch.batch();
        int t = batch.seqLen();
        int rows = b * t;
        int[] tokens = batch.tokens();
        NDArray x;
        if (oneHotEmbedding) {
            float[] oneHot = new float[rows * c.vocabSize()];
            for (int i = 0; i < rows; i++) {
                oneHot[i * c.vocabSize() + tokens[i]] = 1f;
            }
            x = sub.create(oneHot, new Shape(rows, c.vocabSize())).matMul(params.get(WeightNames.TOKEN_EMBD));
        } else {
            float[] table = weights.floats(WeightNames.TOKEN_EMBD);
            float[] gathered = new float[rows * c.dim()];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(table, tokens[i] * c.dim(), gathered, i * c.dim(), c.dim());
            }
            x = sub.create(gathered, new Shape(rows, c.dim()));
        }
        NDArray[] cosSin = angles(sub, batch);
        NDArray mask = mask(sub, batch);
        for (int l = 0; l < c.layers(); l++) {
            NDArray h = rmsNorm(x, params.get(WeightNames.attnNorm(l)));
            NDArray q = linear(h, l, LoraTarget.Q, WeightNames.attnQ(l), c.qkvBias() ? WeightNames.attnQBias(l) : null);
            NDArray k = linear(h, l, LoraTarget.K, WeightNames.attnK(l), c.qkvBias() ? WeightNames.attnKBias(l) : null);
            NDArray v = linear(h, l, LoraTarget.V, WeightNames.attnV(l), c.qkvBias() ? WeightNames.attnVBias(l) : null);
            q = rope(heads(q, b, t, c.heads()), cosSin);
            k = repeatKv(rope(heads(k, b, t, c.kvHeads()), cosSin), c.heads() / c.kvHeads());
            v = repeatKv(heads(v, b, t, c.kvHeads()), c.heads() / c.kvHeads());
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Math.sqrt(c.headDim())).add(mask);
            NDArray att = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(rows, c.dim());
            x = x.add(linear(att, l, LoraTarget.O, WeightNames.attnOutput(l), null));
            h = rmsNorm(x, params.get(WeightNames.ffnNorm(l)));
            NDArray g = linear(h, l, LoraTarget.GATE, WeightNames.ffnGate(l), null);
            NDArray u = linear(h, l, LoraTarget.UP, WeightNames.ffnUp(l), null);
            NDArray silu = g.div(g.neg().exp().add(1f));
            x = x.add(linear(silu.mul(u), l, LoraTarget.DOWN, WeightNames.ffnDown(l), null));
        }
        x = rmsNorm(x, params.get(WeightNames.OUTPUT_NORM));
        NDArray out = params.get(c.tiedOutput() ? WeightNames.TOKEN_EMBD : WeightNames.OUTPUT);
        NDArray logp = x.matMul(out.transpose()).logSoftmax(-1);
        long[] index = new long[rows];
        float[] keep = new float[rows];
        for (int i = 0; i < rows; i++) {
            int target = batch.targets()[i];
            index[i] = target == TrainingBatch.IGNORE ? 0 : target;
            keep[i] = target == TrainingBatch.IGNORE ? 0f : 1f;
        }
        NDArray picked = logp.gather(sub.create(index, new Shape(rows, 1)), 1).reshape(rows);
        return picked.mul(sub.create(keep)).sum().neg();
    }

    private NDArray linear(NDArray x, int layer, LoraTarget target, String weight, String bias) {
        NDArray y = x.matMul(params.get(weight).transpose());
        if (bias != null) {
            y = y.add(params.get(bias));
        }
        if (lora != null && lora.targets(target)) {
            NDArray a = trainable.get(target.peftKey(layer, true));
            NDArray b = trainable.get(target.peftKey(layer, false));
            y = y.add(x.matMul(a.transpose()).matMul(b.transpose()).mul(lora.scaling()));
        }
        return y;
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray ms = x.pow(2).mean(new int[] {-1}, true);
        return x.div(ms.add(c.rmsEps()).sqrt()).mul(weight);
    }

    /** [B·T, h·D] -> [B, h, T, D]. */
    private NDArray heads(NDArray x, int b, int t, int h) {
        return x.reshape(b, t, h, c.headDim()).transpose(0, 2, 1, 3);
    }

    /** [B, Hkv, T, D] -> [B, H, T, D], head h reading kv head h / group. */
    private static NDArray repeatKv(NDArray x, int group) {
        if (group == 1) {
            return x;
        }
        NDList parts = new NDList();
        for (long h = 0; h < x.getShape().get(1) * group; h++) {
            parts.add(x.get(":, " + (h / group)));
        }
        return NDArrays.stack(parts, 1);
    }

    /** cos, sin [B, 1, T, D/2] at each token's own position (Llama 3 scaling through the config's factors). */
    private NDArray[] angles(NDManager sub, TrainingBatch batch) {
        int half = c.headDim() / 2;
        int rows = batch.batch() * batch.seqLen();
        float[] factors = c.ropeSpec().effectiveFactors(c.headDim());
        float[] cos = new float[rows * half];
        float[] sin = new float[rows * half];
        for (int i = 0; i < half; i++) {
            double inv = Math.pow(c.ropeTheta(), -2.0 * i / c.headDim());
            float f = (float) (factors == null ? inv : inv / factors[i]);
            for (int r = 0; r < rows; r++) {
                double angle = batch.positions()[r] * (double) f;
                cos[r * half + i] = (float) Math.cos(angle);
                sin[r * half + i] = (float) Math.sin(angle);
            }
        }
        Shape s = new Shape(batch.batch(), 1, batch.seqLen(), half);
        return new NDArray[] {sub.create(cos, s), sub.create(sin, s)};
    }

    /** x [B, H, T, D] rotated: rotate-half pairs (i, i + D/2), interleaved pairs (2i, 2i+1). */
    private NDArray rope(NDArray x, NDArray[] cosSin) {
        Shape s = x.getShape();
        long d = s.get(3);
        NDArray cos = cosSin[0];
        NDArray sin = cosSin[1];
        if (c.ropeStyle() == RopeStyle.ROTATE_HALF) {
            NDArray x1 = x.get(":, :, :, 0:" + d / 2);
            NDArray x2 = x.get(":, :, :, " + d / 2 + ":");
            return x1.mul(cos).sub(x2.mul(sin)).concat(x2.mul(cos).add(x1.mul(sin)), 3);
        }
        NDArray pairs = x.reshape(s.get(0), s.get(1), s.get(2), d / 2, 2);
        NDArray a = pairs.get(":, :, :, :, 0");
        NDArray b = pairs.get(":, :, :, :, 1");
        NDArray ra = a.mul(cos).sub(b.mul(sin));
        NDArray rb = b.mul(cos).add(a.mul(sin));
        return NDArrays.stack(new NDList(ra, rb), 4).reshape(s);
    }

    private NDArray mask(NDManager sub, TrainingBatch batch) {
        int t = batch.seqLen();
        float[] mask = new float[batch.batch() * t * t];
        for (int b = 0; b < batch.batch(); b++) {
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    boolean visible = j <= i && batch.segments()[b * t + j] == batch.segments()[b * t + i];
                    mask[(b * t + i) * t + j] = visible ? 0f : Float.NEGATIVE_INFINITY;
                }
            }
        }
        return sub.create(mask, new Shape(batch.batch(), 1, t, t));
    }

}
