package dev.modelfactory.engine.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.format.gguf.GgufModelSpecs;
import dev.modelfactory.engine.format.hf.HfModelFolder;
import dev.modelfactory.engine.format.hf.HfWeights;
import dev.modelfactory.engine.format.safetensors.SafetensorsDType;
import dev.modelfactory.engine.loader.LlamaConfigs;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.loader.LoadedModel;
import dev.modelfactory.engine.loader.ModelLoader;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.train.LoraTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Merging is {@code W + scaling·B·A}: per projection against the LoRA forward computed by hand, per model
 * against weights the test merges itself, and through every export path (GGUF F16/Q8_0 loaded back by the
 * loader, an interleaved GGUF base, a Hugging Face folder read back by the HF reader).
 */
class MergeTest {

    private static final Backend REF = Backends.named("reference");
    private static final LlamaConfig HF = AdapterFixtures.config(RopeStyle.ROTATE_HALF);
    private static final int[] PROMPT = {1, 17, 42, 299, 3, 3, 258, 0, 77, 12};

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        REF.close();
    }

    private static PeftAdapter all(boolean rsLora) {
        return AdapterFixtures.adapter(HF, EnumSet.allOf(LoraTarget.class), 4, rsLora, 9);
    }

    /** W' x = W x + scaling · B (A x), computed in double from the adapter's matrices, for every projection. */
    @ParameterizedTest(name = "rsLoRA: {0}")
    @ValueSource(booleans = {false, true})
    void mergedProjectionIsBasePlusLoraForward(boolean rsLora) {
        InMemoryWeights base = RandomWeights.create(HF, 5);
        PeftAdapter a = all(rsLora);
        MergedWeights merged = new MergedWeights(base, HF, a);
        double scaling = rsLora ? 8 / Math.sqrt(4) : 8 / 4.0;
        SplittableRandom r = new SplittableRandom(3);
        for (int l = 0; l < HF.layers(); l++) {
            for (LoraTarget t : LoraTarget.values()) {
                String name = MergedWeights.canonicalName(l, t);
                int out = base.shape(name)[0];
                int in = base.shape(name)[1];
                float[] x = AdapterFixtures.random(r, in, 1);
                float[] w = base.floats(name);
                float[] wm = merged.floats(name);
                float[] av = a.tensors().get(t.peftKey(l, true)).values();
                float[] bv = a.tensors().get(t.peftKey(l, false)).values();
                double[] ax = new double[4];
                for (int k = 0; k < 4; k++) {
                    for (int i = 0; i < in; i++) {
                        ax[k] += av[k * in + i] * (double) x[i];
                    }
                }
                for (int o = 0; o < out; o++) {
                    double want = 0;
                    double got = 0;
                    for (int i = 0; i < in; i++) {
                        want += w[o * in + i] * (double) x[i];
                        got += wm[o * in + i] * (double) x[i];
                    }
                    for (int k = 0; k < 4; k++) {
                        want += scaling * bv[o * 4 + k] * ax[k];
                    }
                    assertThat(got).as(name + " row " + o).isCloseTo(want, within(1e-5));
                }
            }
        }
        assertThat(merged.floats("blk.0.attn_norm.weight")).containsExactly(base.floats("blk.0.attn_norm.weight"));
    }

    @Test
    void mergedModelComputesWhatTheHandMergedModelComputes() {
        InMemoryWeights base = RandomWeights.create(HF, 5);
        PeftAdapter a = all(false);
        InMemoryWeights byHand = RandomWeights.create(HF, 5);
        for (int l = 0; l < HF.layers(); l++) {
            for (LoraTarget t : LoraTarget.values()) {
                String name = MergedWeights.canonicalName(l, t);
                int out = base.shape(name)[0];
                int in = base.shape(name)[1];
                float[] w = base.floats(name);
                float[] av = a.tensors().get(t.peftKey(l, true)).values();
                float[] bv = a.tensors().get(t.peftKey(l, false)).values();
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        double d = 0;
                        for (int k = 0; k < 4; k++) {
                            d += bv[o * 4 + k] * (double) av[k * in + i];
                        }
                        w[o * in + i] += (float) (2.0 * d);
                    }
                }
                byHand.put(name, w, out, in);
            }
        }
        float[] merged = logits(HF, new MergedWeights(base, HF, a));
        float[] expected = logits(HF, byHand);
        float[] plain = logits(HF, base);
        assertThat(maxDiff(merged, expected)).isLessThan(1e-4f);
        assertThat(maxDiff(merged, plain)).isGreaterThan(0.05f); // the adapter really changes the model
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"F16", "Q8_0"})
    void mergedGgufLoadsBackThroughTheLoader(String type) throws IOException {
        ModelWeights merged = new MergedWeights(RandomWeights.create(HF, 5), HF, all(false));
        float[] expected = logits(HF, merged);
        Path file = dir.resolve("merged-" + type + ".gguf");
        MergedExport.gguf(file, HF, merged, GgmlType.valueOf(type), LlamaGguf.vocabulary(HF.vocabSize()), "merged");
        try (LoadedModel m = ModelLoader.load(file, REF, 32); LlamaSession s = m.model().newSession(PROMPT.length)) {
            float[] got = s.appendAll(PROMPT);
            // F16 measured well under 0.1%, Q8_0 under 1% of the largest logit (cf. LoaderRoundTripTest)
            float tolerance = (type.equals("F16") ? 0.005f : 0.02f) * maxAbs(expected);
            assertThat(maxDiff(got, expected)).isLessThan(tolerance);
        }
    }

    /** A base read from GGUF has interleaved q/k rows; the adapter (HF order) must be permuted to match. */
    @Test
    void mergesIntoAnInterleavedGgufBase() throws IOException {
        InMemoryWeights base = RandomWeights.create(HF, 5);
        PeftAdapter a = all(false);
        float[] expected = logits(HF, new MergedWeights(base, HF, a));
        Path file = dir.resolve("base.gguf");
        LlamaGguf.write(file, HF, base, GgmlType.F32);
        try (GgufFile f = GgufFile.open(file)) {
            LlamaConfig gg = LlamaConfigs.from(GgufModelSpecs.from(f), file.toString(), 32);
            assertThat(gg.ropeStyle()).isEqualTo(RopeStyle.INTERLEAVED);
            ModelWeights ggMerged = new MergedWeights(AdapterFixtures.view(f), gg, a);
            assertThat(maxDiff(logits(gg, ggMerged), expected)).isLessThan(1e-4f);

            // and exported from that interleaved base as a Hugging Face folder, q/k rows go back to HF order
            Path hf = dir.resolve("hf");
            MergedExport.hfFolder(hf, gg, ggMerged, SafetensorsDType.F32, null);
            HfModelFolder folder = HfModelFolder.open(hf);
            try (HfWeights w = folder.openWeights()) {
                LlamaConfig back = LlamaConfigs.from(folder.spec(), hf.toString(), 32);
                assertThat(back.ropeStyle()).isEqualTo(RopeStyle.ROTATE_HALF);
                assertThat(maxDiff(logits(back, AdapterFixtures.view(w)), expected)).isLessThan(1e-4f);
            }
        }
    }

    @Test
    void mergedHfFolderReadsBackAsTheSameModel() {
        ModelWeights merged = new MergedWeights(RandomWeights.create(HF, 5), HF, all(true));
        float[] expected = logits(HF, merged);
        Path hf = dir.resolve("hf16");
        MergedExport.hfFolder(hf, HF, merged, SafetensorsDType.BF16, null);
        HfModelFolder folder = HfModelFolder.open(hf);
        LlamaConfig back = LlamaConfigs.from(folder.spec(), hf.toString(), 32);
        assertThat(back.dim()).isEqualTo(HF.dim());
        assertThat(back.kvHeads()).isEqualTo(HF.kvHeads());
        try (HfWeights w = folder.openWeights()) {
            // bf16 keeps 8 significant bits: a few percent of the largest logit at most
            assertThat(maxDiff(logits(back, AdapterFixtures.view(w)), expected)).isLessThan(0.05f * maxAbs(expected));
        }
    }

    private static float[] logits(LlamaConfig c, ModelWeights w) {
        try (LlamaModel m = LlamaModel.load(c, w, REF); LlamaSession s = m.newSession(PROMPT.length)) {
            return s.appendAll(PROMPT);
        }
    }

    private static float maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
