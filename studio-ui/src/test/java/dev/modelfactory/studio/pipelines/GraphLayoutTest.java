package dev.modelfactory.studio.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.pipelines.GraphLayout.Edge;
import dev.modelfactory.studio.pipelines.GraphLayout.Place;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {

    @Test
    void valuesMakeEdgesAndBarriersHoldBackWhatFollowsThem() {
        GraphLayout layout = GraphLayout.of(new FakePipelinesBackend().pipelines.get("release").steps());

        assertThat(layout.places()).containsExactly(new Place("import-chats", 0, 0), new Place("quality", 1, 0),
                new Place("snapshot", 2, 0), new Place("tune", 3, 0), new Place("score", 4, 0),
                new Place("review", 5, 0), new Place("sign", 6, 0), new Place("bundle", 6, 1));
        assertThat(layout.edges()).containsExactly(new Edge("import-chats", "quality", "raw"),
                new Edge("quality", "snapshot", "checked"), new Edge("snapshot", "tune", "dataset"),
                new Edge("tune", "score", "adapter"), new Edge("snapshot", "score", "dataset"),
                new Edge("score", "review", "scores"),
                new Edge("snapshot", "sign", "dataset"), new Edge("tune", "sign", "adapter"),
                new Edge("score", "sign", "scores"), new Edge("review", "sign", ""),
                new Edge("tune", "bundle", "adapter"), new Edge("review", "bundle", ""));
        assertThat(layout.layers()).isEqualTo(7);
        assertThat(layout.rows()).isEqualTo(2);
    }

    @Test
    void aStepReadingNothingMadeEarlierFollowsThePreviousStepAndIndependentReadersShareALayer() {
        GraphLayout layout = GraphLayout.of(List.of(
                new StepSpec("a", "import", List.of(), List.of("x")),
                new StepSpec("b", "import", List.of("files"), List.of("y")),
                new StepSpec("c", "check", List.of("x"), List.of()),
                new StepSpec("d", "check", List.of("y", "later"), List.of()),
                new StepSpec("e", "export", List.of("x"), List.of("later"))));

        assertThat(layout.places()).containsExactly(new Place("a", 0, 0), new Place("b", 1, 0), new Place("c", 1, 1),
                new Place("d", 2, 0), new Place("e", 1, 2));
        assertThat(layout.edges()).containsExactly(new Edge("a", "b", ""), new Edge("a", "c", "x"),
                new Edge("b", "d", "y"), new Edge("a", "e", "x"));
        assertThat(layout.edges()).filteredOn(Edge::orderOnly).containsExactly(new Edge("a", "b", ""));
    }

    @Test
    void anInputNamingAnEarlierStepReadsThatStepsOutputs() {
        GraphLayout layout = GraphLayout.of(List.of(
                new StepSpec("import", "import", List.of(), List.of("dataset")),
                new StepSpec("freeze", "freeze", List.of("import"), List.of("version")),
                new StepSpec("train", "train", List.of("freeze"), List.of("run", "adapter")),
                new StepSpec("export", "export", List.of("train"), List.of("path"))));

        assertThat(layout.edges()).containsExactly(new Edge("import", "freeze", "import"),
                new Edge("freeze", "train", "freeze"), new Edge("train", "export", "train"));
        assertThat(layout.places()).extracting(Place::layer).containsExactly(0, 1, 2, 3);
    }

    @Test
    void noStepsNoLayers() {
        GraphLayout layout = GraphLayout.of(List.of());
        assertThat(layout.layers()).isZero();
        assertThat(layout.rows()).isZero();
    }
}
