package dev.modelfactory.engine.serve.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelfactory.engine.adapter.MergedWeights;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.Projection;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.serve.ServeFixtures;
import dev.modelfactory.engine.train.LoraTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unmerged application against the merged reference ({@link MergedWeights}, the export path), mixed
 * batches against single runs, and exact unmerge.
 */
class UnmergedLoraTest {

    private static final Backend BE = new CpuBackend(1);
    private static final int[] PROMPT = {5, 17, 33, 2, 71, 9};

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        BE.close();
    }

    static LoraWeights load(Path folder, String id, LlamaConfig c) {
        PeftAdapter a = PeftAdapter.load(folder);
        return LoraWeights.load(id, folder.resolve("adapter_model.safetensors"), a.config(), c);
    }

    static Stream<Arguments> targets() {
        List<Arguments> out = new ArrayList<>();
        for (RopeStyle rope : RopeStyle.values()) {
            for (LoraTarget t : LoraTarget.values()) {
                out.add(Arguments.of(rope, EnumSet.of(t)));
            }
            out.add(Arguments.of(rope, EnumSet.allOf(LoraTarget.class)));
        }
        return out.stream();
    }

    /** Prefill logits at every position and three decode steps' logits. */
    static float[] run(LlamaModel model, LoraWeights w) {
        try (LlamaSession s = model.newSession()) {
            LoraBatchDelta d = w == null ? null : LoraBatchDelta.uniform(model.backend(), w);
            float[] a = s.append(d, PROMPT);
            float[] out = a;
            for (int tok : new int[] {3, 44, 90}) {
                float[] b = s.append(d, tok);
                float[] joined = Arrays.copyOf(out, out.length + b.length);
                System.arraycopy(b, 0, joined, out.length, b.length);
                out = joined;
            }
            return out;
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void unmergedEqualsMergedForEveryProjection(RopeStyle rope, Set<LoraTarget> targets) {
        LlamaConfig c = ServeFixtures.config(rope);
        InMemoryWeights base = RandomWeights.create(c, 11);
        Path folder = ServeFixtures.saved(dir, "x", c, targets, 4, 99);
        PeftAdapter peft = PeftAdapter.load(folder);
        try (LlamaModel model = LlamaModel.load(c, base, BE);
                LlamaModel merged = LlamaModel.load(c, new MergedWeights(base, c, peft), BE);
                LoraWeights w = load(folder, "x", c)) {
            float[] expected = run(merged, null);
            float[] actual = run(model, w);
            float[] plain = run(model, null);
            assertClose(expected, actual, 2e-4f);
            // The adapter must matter, or the comparison above proves nothing.
            assertTrue(maxDiff(plain, expected) > 1e-2, "the adapter changes the logits");
        }
    }

    @Test
    void mixedBatchEqualsEachRowAlone() {
        LlamaConfig c = ServeFixtures.config(RopeStyle.INTERLEAVED);
        InMemoryWeights base = RandomWeights.create(c, 3);
        try (LlamaModel model = LlamaModel.load(c, base, BE);
                LoraWeights x = load(ServeFixtures.saved(dir, "x", c, ServeFixtures.all(), 4, 1), "x", c);
                LoraWeights y = load(ServeFixtures.saved(dir, "y", c, EnumSet.of(LoraTarget.Q, LoraTarget.V), 2, 2), "y", c);
                LoraWeights z = load(ServeFixtures.saved(dir, "z", c, EnumSet.of(LoraTarget.DOWN), 8, 3), "z", c)) {
            List<LoraWeights> rows = Arrays.asList(null, x, y, z, x);
            int[][] prompts = {{1, 2, 3}, {4, 5}, {6, 7, 8, 9}, {10}, {11, 12}};
            int[] next = {20, 21, 22, 23, 24};
            // Alone: each sequence on its own session with its adapter.
            float[][] alone = new float[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                try (LlamaSession s = model.newSession()) {
                    LoraBatchDelta d = rows.get(i) == null ? null : LoraBatchDelta.uniform(BE, rows.get(i));
                    s.append(d, prompts[i]);
                    float[] l1 = s.append(d, next[i]);
                    float[] l2 = s.append(d, next[i] + 10);
                    alone[i] = concat(l1, l2);
                }
            }
            // Together: prefill each, then two batched steps mixing base and three adapters.
            List<LlamaSession> sessions = new ArrayList<>();
            try {
                for (int i = 0; i < rows.size(); i++) {
                    LlamaSession s = model.newSession();
                    sessions.add(s);
                    s.append(rows.get(i) == null ? null : LoraBatchDelta.uniform(BE, rows.get(i)), prompts[i]);
                }
                LoraBatchDelta mixed = LoraBatchDelta.perRow(BE, rows);
                assertEquals(3, mixed.groups());
                float[] step1 = model.decodeBatch(sessions, next, mixed);
                int[] next2 = Arrays.stream(next).map(t -> t + 10).toArray();
                float[] step2 = model.decodeBatch(sessions, next2, mixed);
                int v = c.vocabSize();
                for (int i = 0; i < rows.size(); i++) {
                    float[] together = concat(Arrays.copyOfRange(step1, i * v, (i + 1) * v),
                            Arrays.copyOfRange(step2, i * v, (i + 1) * v));
                    assertClose(alone[i], together, 1e-4f);
                }
                for (int i = 0; i < rows.size(); i++) {
                    assertEquals(prompts[i].length + 2, sessions.get(i).position());
                }
            } finally {
                sessions.forEach(LlamaSession::close);
            }
        }
    }

    @Test
    void mergeThenUnmergeRestoresTheBaseBitForBit() {
        LlamaConfig c = ServeFixtures.config(RopeStyle.INTERLEAVED);
        InMemoryWeights base = RandomWeights.create(c, 8);
        Path folder = ServeFixtures.saved(dir, "m", c, ServeFixtures.all(), 4, 5);
        try (LlamaModel model = LlamaModel.load(c, base, BE);
                LlamaModel reference = LlamaModel.load(c, new MergedWeights(base, c, PeftAdapter.load(folder)), BE);
                LoraWeights w = load(folder, "m", c)) {
            float[] before = run(model, null);
            float[] unmerged = run(model, w);
            float[] mergedLogits;
            try (MergedLora m = MergedLora.merge(model, base, w)) {
                assertEquals(w, m.weights());
                mergedLogits = run(model, null);
                assertThrows(IllegalStateException.class, () -> MergedLora.merge(model, base, w));
            }
            // Exact by construction: no override is left, so every projection uses the base's own, never
            // written tensor again. The logits are compared with a tolerance, not bit for bit: the inference
            // kernels' exp and lane sums may change with JIT state between two passes (seen once under load).
            for (int l = 0; l < c.layers(); l++) {
                for (Projection p : Projection.values()) {
                    assertEquals(null, model.overrideLinear(l, p, null), "layer " + l + " " + p + " still overridden");
                }
            }
            assertClose(before, run(model, null), 1e-5f);
            assertClose(run(reference, null), mergedLogits, 2e-4f);
            assertClose(unmerged, mergedLogits, 2e-4f);
        }
    }

    @Test
    void mismatchedShapesAreRefusedNamingAdapterAndKey() {
        LlamaConfig c = ServeFixtures.config(RopeStyle.ROTATE_HALF);
        LlamaConfig wider = LlamaConfig.builder().dim(48).hiddenDim(48).layers(2).heads(4).kvHeads(2)
                .vocabSize(ServeFixtures.VOCAB).maxSeqLen(64).build();
        Path folder = ServeFixtures.saved(dir, "w", wider, EnumSet.of(LoraTarget.Q), 4, 5);
        PeftAdapterConfig cfg = PeftAdapter.load(folder).config();
        var e = assertThrows(dev.modelfactory.engine.adapter.AdapterException.class,
                () -> LoraWeights.load("wide-one", folder.resolve("adapter_model.safetensors"), cfg, c));
        assertTrue(e.getMessage().contains("'wide-one'"), e.getMessage());
        assertTrue(e.getMessage().contains("layers.0.self_attn.q_proj.lora_A.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("[4, 48]") && e.getMessage().contains("[4, 32]"), e.getMessage());
        LlamaConfig deeper = LlamaConfig.builder().dim(32).hiddenDim(48).layers(3).heads(4).kvHeads(2)
                .vocabSize(ServeFixtures.VOCAB).maxSeqLen(64).build();
        var missing = assertThrows(dev.modelfactory.engine.adapter.AdapterException.class,
                () -> LoraWeights.load("short", folder.resolve("adapter_model.safetensors"), cfg, deeper));
        assertTrue(missing.getMessage().contains("layers.0.self_attn.q_proj.lora_A.weight"), missing.getMessage());
    }

    static float[] concat(float[] a, float[] b) {
        float[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static float maxDiff(float[] a, float[] b) {
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static void assertClose(float[] expected, float[] actual, float tol) {
        assertEquals(expected.length, actual.length);
        float scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        float d = maxDiff(expected, actual);
        assertTrue(d <= tol * Math.max(1, scale), "max difference " + d + " over tolerance " + tol + " (scale " + scale + ")");
    }
}
