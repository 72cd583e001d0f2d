package dev.modelfactory.engine.attribution.influence;

import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainableModel;
import dev.modelfactory.engine.train.TrainingBatch;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-example gradients of a model's trainable parameters: the example alone as a one-row batch through
 * {@link TrainableModel#forwardBackward}, divided by its loss-token count (the gradient of its mean
 * per-token loss, as the trainer normalises a batch), read module by module and sketched.
 *
 * <p>The model must have no dropout (build it with a {@code LoraConfig} whose dropout is 0): influence is a
 * property of the trained weights, not of one random mask. Leaves the parameters' gradient buffers dirty
 * (zero them before training again). Not thread-safe (the model is not).
 */
public final class ExampleGradients {

    private final TrainableModel model;
    private final CountSketch sketch;
    private final List<Parameter> params;
    /** Per parameter: its module index and its first coordinate within the module. */
    private final int[] moduleOf;
    private final int[] offsetIn;

    public ExampleGradients(TrainableModel model, SketchLayout layout) {
        this.model = Objects.requireNonNull(model, "model");
        if (model instanceof TrainableLlama l && l.loraConfig() != null && l.loraConfig().dropout() > 0) {
            throw new IllegalArgumentException("per-example gradients need a model without dropout (LoRA dropout is "
                    + l.loraConfig().dropout() + "); rebuild it with dropout 0");
        }
        this.sketch = new CountSketch(layout);
        this.params = model.parameters();
        Map<String, Integer> index = new HashMap<>();
        for (int m = 0; m < layout.modules().size(); m++) {
            index.put(layout.modules().get(m).name(), m);
        }
        int[] filled = new int[layout.modules().size()];
        moduleOf = new int[params.size()];
        offsetIn = new int[params.size()];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            Integer m = index.get(SketchLayout.moduleKey(p.name()));
            if (m == null) {
                throw new IllegalArgumentException("parameter " + p.name() + " is in no module of the sketch layout");
            }
            moduleOf[i] = m;
            offsetIn[i] = filled[m];
            filled[m] += p.size();
        }
        for (int m = 0; m < filled.length; m++) {
            SketchLayout.Module mod = layout.modules().get(m);
            if (filled[m] != mod.size()) {
                throw new IllegalArgumentException("module " + mod.name() + ": the layout says " + mod.size()
                        + " gradient values, the model has " + filled[m]);
            }
        }
    }

    public SketchLayout layout() {
        return sketch.layout();
    }

    /** The sketched gradient of the example's mean per-token loss ({@link SketchLayout#totalDims()} floats). */
    public float[] sketch(TrainingExample example) {
        float scale = backward(example);
        float[] out = new float[sketch.layout().totalDims()];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            sketch.add(moduleOf[i], offsetIn[i], p.grad(), 0, p.size(), scale, out);
        }
        return out;
    }

    /** The exact gradient of the example's mean per-token loss, module by module (for checks and tests). */
    public float[][] gradient(TrainingExample example) {
        float scale = backward(example);
        List<SketchLayout.Module> mods = sketch.layout().modules();
        float[][] out = new float[mods.size()][];
        for (int m = 0; m < out.length; m++) {
            out[m] = new float[mods.get(m).size()];
        }
        for (int i = 0; i < params.size(); i++) {
            float[] g = params.get(i).grad();
            for (int j = 0; j < g.length; j++) {
                out[moduleOf[i]][offsetIn[i] + j] = scale * g[j];
            }
        }
        return out;
    }

    /** Runs the backward pass; returns 1 / loss tokens. */
    private float backward(TrainingExample example) {
        TrainingBatch batch = oneRow(example);
        int tokens = batch.lossTokens();
        if (tokens == 0) {
            throw new IllegalArgumentException("example has no response token to take a loss on");
        }
        params.forEach(Parameter::zeroGrad);
        model.forwardBackward(batch, 0L);
        return 1f / tokens;
    }

    /** The example as a batch of one row of its own length (positions 0.., one segment), as the trainer lays it. */
    public static TrainingBatch oneRow(TrainingExample e) {
        int n = e.length();
        int[] tokens = e.tokens();
        boolean[] response = e.response();
        int[] targets = new int[n];
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = i + 1 < n && response[i + 1] ? tokens[i + 1] : TrainingBatch.IGNORE;
            positions[i] = i;
        }
        return new TrainingBatch(1, n, tokens, targets, positions, new int[n]);
    }

    /** A query: the prompt's tokens followed by the output's, the output being the response. */
    public static TrainingExample query(int[] prompt, int[] output) {
        if (prompt.length == 0 || output.length == 0) {
            throw new IllegalArgumentException("query: prompt and output need at least one token each, got "
                    + prompt.length + " and " + output.length);
        }
        int[] tokens = Arrays.copyOf(prompt, prompt.length + output.length);
        System.arraycopy(output, 0, tokens, prompt.length, output.length);
        boolean[] response = new boolean[tokens.length];
        Arrays.fill(response, prompt.length, tokens.length, true);
        return new TrainingExample(tokens, response);
    }
}
