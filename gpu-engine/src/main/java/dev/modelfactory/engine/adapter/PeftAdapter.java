package dev.modelfactory.engine.adapter;

import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LoRA adapter in PEFT's terms: its config and its matrices under PEFT's keys
 * ({@code base_model.model.model.layers.N.self_attn.q_proj.lora_A.weight}), A [r, in] and B [out, r], in
 * Hugging Face row order whatever the base file's layout (see {@link RopeRows}). Every targeted projection
 * of every layer has both matrices.
 */
public record PeftAdapter(PeftAdapterConfig config, Map<String, AdapterTensor> tensors) {

    private static final Pattern KEY = Pattern.compile(
            "base_model\\.model\\.model\\.layers\\.(\\d{1,6})\\.([a-z_]+\\.[a-z_]+)\\.lora_([AB])\\.weight");

    public PeftAdapter {
        tensors = Collections.unmodifiableMap(new TreeMap<>(tensors));
        int layers = -1;
        for (String key : tensors.keySet()) {
            Matcher m = KEY.matcher(key);
            if (!m.matches()) {
                throw new AdapterException(key + ": not a PEFT LoRA key of a Llama-family model"
                        + " (expected base_model.model.model.layers.N.<module>.lora_A|lora_B.weight)");
            }
            LoraTarget t = target(m.group(2), key);
            if (!config.lora().targets(t)) {
                throw new AdapterException(key + ": " + t.peftName() + " is not in target_modules " + config.lora().targets());
            }
            layers = Math.max(layers, Integer.parseInt(m.group(1)));
        }
        if (layers < 0) {
            throw new AdapterException("the adapter has no LoRA matrices");
        }
        for (int l = 0; l <= layers; l++) {
            for (LoraTarget t : config.lora().targets()) {
                AdapterTensor a = tensors.get(t.peftKey(l, true));
                AdapterTensor b = tensors.get(t.peftKey(l, false));
                if (a == null || b == null) {
                    throw new AdapterException((a == null ? t.peftKey(l, true) : t.peftKey(l, false)) + ": missing");
                }
                int r = config.lora().rank();
                if (a.rows() != r || b.cols() != r) {
                    throw new AdapterException(t.peftKey(l, a.rows() != r) + ": shape "
                            + Arrays.toString(a.rows() != r ? a.shape() : b.shape()) + " does not have rank r = " + r);
                }
            }
        }
    }

    private static LoraTarget target(String module, String key) {
        for (LoraTarget t : LoraTarget.values()) {
            if (t.modulePath().equals(module)) {
                return t;
            }
        }
        throw new AdapterException(key + ": unknown module " + module);
    }

    /** Layers the adapter covers (1 + the highest layer index). */
    public int layers() {
        int max = 0;
        for (String key : tensors.keySet()) {
            Matcher m = KEY.matcher(key);
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max + 1;
    }

    /**
     * The adapter of trained LoRA parameters (named by PEFT key, values in {@code base}'s layout: q/k B rows
     * of an interleaved base are put back into Hugging Face order).
     */
    public static PeftAdapter fromParameters(LoraConfig lora, String baseModelNameOrPath, List<Parameter> params,
            LlamaConfig base) {
        Map<String, AdapterTensor> t = new TreeMap<>();
        for (Parameter p : params) {
            float[] v = p.value();
            int[] s = p.shape();
            Integer heads = permutedHeads(p.name(), base);
            if (heads != null && p.name().endsWith(".lora_B.weight")) {
                v = RopeRows.toRotateHalf(v, s[0], s[1], heads);
            }
            t.put(p.name(), new AdapterTensor(s, v));
        }
        PeftAdapter a = new PeftAdapter(new PeftAdapterConfig(lora, baseModelNameOrPath), t);
        a.checkAgainst(base);
        return a;
    }

    /** Heads to permute by for q/k keys of an interleaved base, else null. */
    private static Integer permutedHeads(String key, LlamaConfig base) {
        if (base.ropeStyle() != RopeStyle.INTERLEAVED) {
            return null;
        }
        if (key.contains("." + LoraTarget.Q.modulePath() + ".")) {
            return base.heads();
        }
        return key.contains("." + LoraTarget.K.modulePath() + ".") ? base.kvHeads() : null;
    }

    /** Checks layer count and every matrix's shape against the base; the error names the key. */
    public void checkAgainst(LlamaConfig base) {
        if (layers() != base.layers()) {
            throw new AdapterException("the adapter covers " + layers() + " layers, the base model has " + base.layers()
                    + " (trained for another model?)");
        }
        int r = config.lora().rank();
        for (int l = 0; l < base.layers(); l++) {
            for (LoraTarget t : config.lora().targets()) {
                int[] outIn = outIn(t, base);
                expect(t.peftKey(l, true), new int[] {r, outIn[1]});
                expect(t.peftKey(l, false), new int[] {outIn[0], r});
            }
        }
    }

    private void expect(String key, int[] shape) {
        int[] actual = tensors.get(key).shape();
        if (!Arrays.equals(actual, shape)) {
            throw new AdapterException(key + ": shape " + Arrays.toString(actual) + " does not fit the base model, which needs "
                    + Arrays.toString(shape));
        }
    }

    /** [out, in] of a projection. */
    static int[] outIn(LoraTarget t, LlamaConfig c) {
        return switch (t) {
            case Q, O -> new int[] {c.dim(), c.dim()};
            case K, V -> new int[] {c.kvDim(), c.dim()};
            case GATE, UP -> new int[] {c.hiddenDim(), c.dim()};
            case DOWN -> new int[] {c.dim(), c.hiddenDim()};
        };
    }

    /** scaling · B · A [out, in], rows in {@code base}'s layout. */
    public float[] delta(int layer, LoraTarget t, LlamaConfig base) {
        AdapterTensor a = tensors.get(t.peftKey(layer, true));
        AdapterTensor b = tensors.get(t.peftKey(layer, false));
        int out = b.rows();
        int in = a.cols();
        int r = a.rows();
        float[] bv = b.values();
        Integer heads = permutedHeads(t.peftKey(layer, false), base);
        if (heads != null) {
            bv = RopeRows.toInterleaved(bv, out, r, heads);
        }
        float[] av = a.values();
        double s = config.lora().scaling();
        float[] d = new float[Math.multiplyExact(out, in)];
        double[] row = new double[in];
        for (int o = 0; o < out; o++) {
            Arrays.fill(row, 0);
            for (int k = 0; k < r; k++) {
                double bk = bv[o * r + k];
                int ak = k * in;
                for (int i = 0; i < in; i++) {
                    row[i] += bk * av[ak + i];
                }
            }
            for (int i = 0; i < in; i++) {
                d[o * in + i] = (float) (s * row[i]);
            }
        }
        return d;
    }

    /** Writes the PEFT folder atomically (see {@link PeftAdapterFiles}). */
    public void save(Path folder) {
        PeftAdapterFiles.save(this, folder);
    }

    public static PeftAdapter load(Path folder) {
        return PeftAdapterFiles.load(folder);
    }

    /** sha256 over the canonical content (see {@link PeftAdapterFiles#sha256}). */
    public String sha256() {
        return PeftAdapterFiles.sha256(this);
    }
}
