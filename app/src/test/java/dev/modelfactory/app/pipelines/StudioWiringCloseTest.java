package dev.modelfactory.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.app.StudioWiring;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.pipelines.RunDetail;
import dev.modelfactory.studio.pipelines.RunListener;
import dev.modelfactory.studio.pipelines.RunStatus;
import dev.modelfactory.studio.pipelines.StepRun;
import dev.modelfactory.studio.pipelines.StepStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the studio's wiring stops what its services run before the workspace under them closes. */
class StudioWiringCloseTest {

    @TempDir
    Path dir;

    @Test
    void closingTheStudioCancelsARunningPipelineWhichIsStoredCancelledNotLeftRunning() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        Path file = f.write("long.yaml", f.trainOnly("long", 1000000));
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            StudioWiring.Wired wired = StudioWiring.open(ws);
            WorkspacePipelinesBackend backend = wired.services().stream().filter(WorkspacePipelinesBackend.class::isInstance)
                    .map(WorkspacePipelinesBackend.class::cast).findFirst().orElseThrow();
            backend.add(file);
            CountDownLatch training = new CountDownLatch(1);
            RunListener listener = new RunListener() {
                @Override
                public void updated(RunDetail run) {
                    if (run.step("train").map(s -> s.status() == StepStatus.RUNNING).orElse(false)) {
                        training.countDown();
                    }
                }

                @Override
                public void logged(long runId, String stepId, String line) {
                }
            };
            CompletableFuture<RunDetail> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return backend.start("long", listener, CancellationToken.NONE);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(training.await(2, TimeUnit.MINUTES)).as("the train step started").isTrue();

            wired.close();

            RunDetail ended = run.get(2, TimeUnit.MINUTES);
            assertThat(ended.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(ended.steps()).extracting(StepRun::status).containsExactly(StepStatus.SUCCEEDED,
                    StepStatus.SUCCEEDED, StepStatus.CANCELLED);
            try (PipelineService reopened = new PipelineService(ws)) {
                assertThat(reopened.run(ended.id()).orElseThrow().status()).isEqualTo(PipelineRunStatus.CANCELLED);
            }
        }
    }

    @Test
    void everyServiceIsClosedLastOpenedFirstAndTheFirstFailureCarriesTheOthers() {
        List<String> closed = new ArrayList<>();
        StudioContext context = new StudioContext("1", "ws", "1", "cpu", dir.resolve("prefs.json"), List.of());
        StudioWiring.Wired wired = new StudioWiring.Wired(context, List.of(
                () -> closed.add("retrieval"),
                () -> {
                    closed.add("provenance");
                    throw new IllegalStateException("provenance broke");
                },
                () -> {
                    closed.add("pipelines");
                    throw new java.io.IOException("pipelines broke");
                }));

        assertThatThrownBy(wired::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pipelines broke")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessage("provenance broke")));
        assertThat(closed).containsExactly("pipelines", "provenance", "retrieval");
    }
}
