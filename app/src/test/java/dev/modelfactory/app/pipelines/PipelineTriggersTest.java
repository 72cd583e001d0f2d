package dev.modelfactory.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.app.pipelines.trigger.PipelineTriggers;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.store.pipeline.RunTrigger;
import dev.modelfactory.ledger.store.pipeline.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files landing in a watched folder start runs; the runs import what is there and skip what is unchanged. */
class PipelineTriggersTest {

    @TempDir
    Path dir;

    @Test
    void filesLandingInTheWatchedFolderStartRuns() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path file = Files.writeString(dir.resolve("watch.yaml"), """
                name: inbox
                triggers:
                  watch:
                    folder: inbox
                    pattern: "*.jsonl"
                steps:
                  - import:
                      folder: inbox
                      pattern: "*.jsonl"
                      dataset: inbox
                      contributor: ada
                  - freeze:
                      dataset: ${import.dataset}
                """);
        LinkedBlockingQueue<PipelineRunRecord> ended = new LinkedBlockingQueue<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void onRunEnded(PipelineRunRecord run) {
                ended.add(run);
            }
        };
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = new PipelineService(ws);
                PipelineTriggers triggers = PipelineTriggers.start(service, file, listener, line -> { })) {
            Files.writeString(inbox.resolve("a.jsonl"), "{\"instruction\": \"Say a.\", \"input\": \"\", \"output\": \"a\"}\n");
            Files.writeString(inbox.resolve("ignored.txt"), "not matched by the pattern");
            PipelineRunRecord first = ended.poll(120, TimeUnit.SECONDS); // a hang guard, not a timing
            assertThat(first).isNotNull();
            assertThat(first.trigger()).isEqualTo(RunTrigger.WATCH);
            assertThat(first.status()).as(first.message()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            assertThat(service.steps(first.id()).get(0).log()).contains("imported 1 rows from a.jsonl");

            Files.writeString(inbox.resolve("b.jsonl"), "{\"instruction\": \"Say b.\", \"input\": \"\", \"output\": \"b\"}\n");
            PipelineRunRecord second = ended.poll(120, TimeUnit.SECONDS);
            assertThat(second).isNotNull();
            assertThat(service.steps(second.id())).allSatisfy(s -> assertThat(s.status()).isEqualTo(StepStatus.SUCCEEDED));
            assertThat(service.steps(second.id()).get(0).log()).contains("a.jsonl").contains("b.jsonl")
                    .contains("replaced 1 rows of the earlier import");
        }
    }

    @Test
    void aPipelineWithoutTriggersIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.yaml"), """
                steps:
                  - approve:
                """);
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = new PipelineService(ws)) {
            assertThatThrownBy(() -> PipelineTriggers.start(service, file, PipelineListener.NONE, line -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither a schedule nor a watched");
        }
    }
}
