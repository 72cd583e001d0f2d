package dev.modelfactory.engine.train.llama;

import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.layer.Linear;
import dev.modelfactory.engine.train.layer.LoraAdapter;
import dev.modelfactory.engine.train.layer.TrainPool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Builds a {@link TrainableLlama}: either {@link #lora} (adapters on the listed projections, base frozen; A
 * Kaiming-uniform in ±1/sqrt(in) as PEFT initialises it, B zero, drawn from {@link #seed}) or
 * {@link #fullFineTuning} (every weight a {@link Parameter} named by its GGUF name). Weights are read through
 * {@link ModelWeights#floats} (quantised bases dequantised to fp32 once, here) and checked against the config.
 */
public final class TrainableLlamaBuilder {

    private final LlamaConfig config;
    private final ModelWeights weights;
    private LoraConfig lora;
    private boolean full;
    private long seed;
    private int threads = Runtime.getRuntime().availableProcessors();

    TrainableLlamaBuilder(LlamaConfig config, ModelWeights weights) {
        this.config = Objects.requireNonNull(config, "config");
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    /** LoRA on a frozen base. */
    public TrainableLlamaBuilder lora(LoraConfig v) {
        lora = Objects.requireNonNull(v, "lora");
        full = false;
        return this;
    }

    /** Every weight trainable. */
    public TrainableLlamaBuilder fullFineTuning() {
        lora = null;
        full = true;
        return this;
    }

    /** Seed of the LoRA A initialisation. */
    public TrainableLlamaBuilder seed(long v) {
        seed = v;
        return this;
    }

    /** Threads of the model's pool (the calling thread counts as one). */
    public TrainableLlamaBuilder threads(int v) {
        if (v < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + v);
        }
        threads = v;
        return this;
    }

    public TrainableLlama build() {
        if (lora == null && !full) {
            throw new IllegalStateException("choose lora(...) or fullFineTuning()");
        }
        LlamaConfig c = config;
        List<Parameter> params = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        Param embedding = param(params, WeightNames.TOKEN_EMBD, c.vocabSize(), c.dim());
        List<LlamaBlock> blocks = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            Param attnNorm = param(params, WeightNames.attnNorm(l), c.dim());
            Linear wq = linear(params, random, l, LoraTarget.Q, WeightNames.attnQ(l),
                    c.qkvBias() ? WeightNames.attnQBias(l) : null, c.dim(), c.dim());
            Linear wk = linear(params, random, l, LoraTarget.K, WeightNames.attnK(l),
                    c.qkvBias() ? WeightNames.attnKBias(l) : null, c.kvDim(), c.dim());
            Linear wv = linear(params, random, l, LoraTarget.V, WeightNames.attnV(l),
                    c.qkvBias() ? WeightNames.attnVBias(l) : null, c.kvDim(), c.dim());
            Linear wo = linear(params, random, l, LoraTarget.O, WeightNames.attnOutput(l), null, c.dim(), c.dim());
            Param ffnNorm = param(params, WeightNames.ffnNorm(l), c.dim());
            Linear gate = linear(params, random, l, LoraTarget.GATE, WeightNames.ffnGate(l), null, c.hiddenDim(),
                    c.dim());
            Linear up = linear(params, random, l, LoraTarget.UP, WeightNames.ffnUp(l), null, c.hiddenDim(), c.dim());
            Linear down = linear(params, random, l, LoraTarget.DOWN, WeightNames.ffnDown(l), null, c.dim(),
                    c.hiddenDim());
            blocks.add(new LlamaBlock(c, attnNorm.value, attnNorm.grad, wq, wk, wv, wo, ffnNorm.value, ffnNorm.grad,
                    gate, up, down));
        }
        Param outputNorm = param(params, WeightNames.OUTPUT_NORM, c.dim());
        Param output = c.tiedOutput() ? embedding : param(params, WeightNames.OUTPUT, c.vocabSize(), c.dim());
        return new TrainableLlama(c, lora, new TrainPool(threads), embedding.value, embedding.grad, List.copyOf(blocks),
                outputNorm.value, outputNorm.grad, output.value, output.grad, params);
    }

    /** A weight's values and, under full fine-tuning, its gradient buffer (else null). */
    private record Param(float[] value, float[] grad) {
    }

    private Param param(List<Parameter> params, String name, int... shape) {
        float[] value = read(name, shape);
        if (!full) {
            return new Param(value, null);
        }
        Parameter p = new Parameter(name, shape, value);
        params.add(p);
        return new Param(p.value(), p.grad());
    }

    private Linear linear(List<Parameter> params, SplittableRandom random, int layer, LoraTarget target, String name,
            String biasName, int out, int in) {
        Param w = param(params, name, out, in);
        Param b = biasName == null ? new Param(null, null) : param(params, biasName, out);
        if (full) {
            return Linear.trainable(out, in, w.value, w.grad, b.value, b.grad);
        }
        LoraAdapter adapter = null;
        if (lora.targets(target)) {
            int r = lora.rank();
            float[] a = new float[r * in];
            float bound = (float) (1 / Math.sqrt(in));
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            Parameter pa = new Parameter(target.peftKey(layer, true), new int[] {r, in}, a);
            Parameter pb = Parameter.zeros(target.peftKey(layer, false), out, r);
            params.add(pa);
            params.add(pb);
            adapter = new LoraAdapter(pa, pb, lora.scaling(), lora.dropout(), (long) layer * 16 + target.ordinal());
        }
        return Linear.frozen(out, in, w.value, b.value, adapter);
    }

    private float[] read(String name, int... shape) {
        if (!weights.contains(name)) {
            throw new IllegalArgumentException("model weights lack '" + name + "'");
        }
        int[] actual = weights.shape(name);
        if (!Arrays.equals(actual, shape)) {
            throw new IllegalArgumentException("weight '" + name + "' has shape " + Arrays.toString(actual)
                    + ", the config needs " + Arrays.toString(shape));
        }
        return weights.floats(name);
    }
}
