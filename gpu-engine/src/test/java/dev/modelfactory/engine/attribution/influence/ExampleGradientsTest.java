package dev.modelfactory.engine.attribution.influence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainingBatch;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A row's gradient, as the sketcher reads it, against central finite differences of the model's own loss. */
class ExampleGradientsTest {

    private static TrainableLlama model(LoraConfig lora) {
        TrainableLlama m = TrainableLlama.builder(PlantedRun.MODEL, PlantedRun.base(5)).lora(lora).seed(5).threads(1)
                .build();
        SplittableRandom r = new SplittableRandom(9);
        for (Parameter p : m.parameters()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextDouble() * 0.2 - 0.1);
            }
        }
        return m;
    }

    @Test
    void oneExampleGradientMatchesFiniteDifferences() {
        try (TrainableLlama m = model(PlantedRun.LORA)) {
            SketchLayout layout = SketchLayout.of(m.parameters(), 1, Integer.MAX_VALUE);
            assertThat(layout.modules()).allMatch(SketchLayout.Module::identity);
            ExampleGradients g = new ExampleGradients(m, layout);
            TrainingExample ex = PlantedRun.example(1, 20, PlantedRun.FIRST_ANSWER + 3);
            float[][] grad = g.gradient(ex);
            TrainingBatch batch = ExampleGradients.oneRow(ex);
            assertThat(batch.lossTokens()).isEqualTo(2);
            List<Parameter> ps = m.parameters();
            SplittableRandom r = new SplittableRandom(4);
            int checked = 0;
            for (int k = 0; k < 24; k++) {
                int pi = r.nextInt(ps.size());
                Parameter p = ps.get(pi);
                int j = r.nextInt(p.size());
                int module = layout.modules().indexOf(layout.modules().stream()
                        .filter(x -> x.name().equals(SketchLayout.moduleKey(p.name()))).findFirst().orElseThrow());
                int offset = 0;
                for (int q = 0; q < pi; q++) {
                    if (SketchLayout.moduleKey(ps.get(q).name()).equals(SketchLayout.moduleKey(p.name()))) {
                        offset += ps.get(q).size();
                    }
                }
                float saved = p.value()[j];
                float eps = 1e-2f;
                p.value()[j] = saved + eps;
                double up = m.loss(batch);
                p.value()[j] = saved - eps;
                double down = m.loss(batch);
                p.value()[j] = saved;
                double fd = (up - down) / (2 * eps) / batch.lossTokens();
                assertThat((double) grad[module][offset + j]).as("%s[%d]", p.name(), j)
                        .isCloseTo(fd, org.assertj.core.data.Offset.offset(2e-3 + 0.03 * Math.abs(fd)));
                checked++;
            }
            assertThat(checked).isEqualTo(24);
        }
    }

    @Test
    void sketchIsTheProjectionOfTheGradient() {
        try (TrainableLlama m = model(PlantedRun.LORA)) {
            SketchLayout layout = SketchLayout.of(m.parameters(), 3, 96);
            assertThat(layout.modules()).noneMatch(SketchLayout.Module::identity);
            ExampleGradients g = new ExampleGradients(m, layout);
            TrainingExample ex = PlantedRun.example(0, 12, PlantedRun.FIRST_ANSWER);
            float[] direct = g.sketch(ex);
            float[] projected = new CountSketch(layout).sketch(g.gradient(ex));
            assertThat(direct).containsExactly(projected, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(g.sketch(ex)).containsExactly(direct);
        }
    }

    @Test
    void refusesAModelWithDropout() {
        LoraConfig l = PlantedRun.LORA;
        try (TrainableLlama m = model(new LoraConfig(l.targets(), l.rank(), l.alpha(), 0.1f, false))) {
            assertThatThrownBy(() -> new ExampleGradients(m, SketchLayout.of(m.parameters(), 1, 64)))
                    .hasMessageContaining("dropout");
        }
    }
}
