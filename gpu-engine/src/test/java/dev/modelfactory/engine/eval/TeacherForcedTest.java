package dev.modelfactory.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.adapter.MergedWeights;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.serve.ServeFixtures;
import dev.modelfactory.engine.serve.lora.LoraBatchDelta;
import dev.modelfactory.engine.serve.lora.LoraWeights;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LlamaSession#appendAll(dev.modelfactory.engine.model.ProjectionDelta, int...)} against merged weights. */
class TeacherForcedTest {

    @Test
    void everyPositionsLogitsWithTheUnmergedAdapterMatchTheMergedModel(@TempDir Path dir) throws Exception {
        LlamaConfig c = EvalFixtures.config();
        InMemoryWeights base = RandomWeights.create(c, 3);
        Path folder = ServeFixtures.saved(dir, "a", c, ServeFixtures.all(), 4, 7);
        PeftAdapter adapter = PeftAdapter.load(folder);
        int[] tokens = {1, 40, 77, 123, 5, 300, 18, 250, 9};
        try (Backend be = new CpuBackend(1); LlamaModel m = LlamaModel.load(c, base, be);
                LlamaModel merged = LlamaModel.load(c, new MergedWeights(base, c, adapter), be);
                LoraWeights w = LoraWeights.load("a", folder.resolve("adapter_model.safetensors"),
                        PeftAdapterConfig.parse(java.nio.file.Files.readString(folder.resolve(PeftAdapterConfig.FILE)),
                                "a"), c)) {
            float[] expected;
            try (LlamaSession s = merged.newSession(16)) {
                expected = s.appendAll(tokens);
            }
            float[] plain;
            float[] actual;
            try (LlamaSession s = m.newSession(16)) {
                plain = s.appendAll(tokens);
                s.rewind(0);
                actual = s.appendAll(LoraBatchDelta.uniform(be, w), tokens);
                assertThat(s.position()).isEqualTo(tokens.length);
            }
            assertThat(actual).hasSize(tokens.length * c.vocabSize());
            double maxDiff = 0;
            double adapterEffect = 0;
            for (int i = 0; i < actual.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
                adapterEffect = Math.max(adapterEffect, Math.abs(plain[i] - expected[i]));
            }
            assertThat(maxDiff).isLessThan(1e-4);
            assertThat(adapterEffect).isGreaterThan(1e-2); // the adapter matters, so the match means something
        }
    }
}
