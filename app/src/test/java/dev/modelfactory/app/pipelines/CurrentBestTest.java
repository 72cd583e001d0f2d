package dev.modelfactory.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.eval.EvalStore;
import dev.modelfactory.ledger.store.eval.SystemRef;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.store.pipeline.RunTrigger;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An eval system {@code best} is the adapter the newest succeeded run made; before any, the gate uses base. */
class CurrentBestTest {

    @TempDir
    Path dir;

    @Test
    void theSecondRunIsComparedWithTheFirstRunsAdapter() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        Path file = f.write("best.yaml", """
                name: best
                steps:
                  - import:
                      file: rows.jsonl
                      dataset: skills
                      contributor: alice
                  - freeze:
                      dataset: ${import.dataset}
                      split: [0.6, 0.1, 0.3]
                  - train:
                      model: MODEL
                      dataset: ${freeze.version}
                      max_steps: 2
                      batch_size: 4
                      seq_len: 64
                      eval_every: 0
                      checkpoint_every: 0
                      threads: 1
                  - eval:
                      model: MODEL
                      dataset: ${freeze.version}
                      systems:
                        base: base
                        candidate: ${train.adapter}
                        best: best
                      max_tokens: 4
                  - gate:
                      eval: ${eval.run}
                      baseline: best
                      rule: not_worse
                      margin: 1
                """.replace("MODEL", f.model.toString()));
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = f.service(ws)) {
            PipelineRunRecord first = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await();
            assertThat(first.status()).as(first.message()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            List<StepRecord> s1 = service.steps(first.id());
            EvalStore evals = new EvalStore(ws);
            assertThat(evals.run(Long.parseLong(s1.get(3).output("run").orElseThrow().ref())).orElseThrow().systems())
                    .extracting(SystemRef::label).containsExactly("base", "candidate");
            assertThat(s1.get(4).log()).contains("no current best yet").contains("candidate vs base");
            String firstAdapter = s1.get(2).output("adapter").orElseThrow().hash();

            PipelineFixture.writeRows(f.rows, "Is a %s an animal or a plant?", 2);
            PipelineRunRecord second = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await();
            assertThat(second.status()).as(second.message()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            List<StepRecord> s2 = service.steps(second.id());
            List<SystemRef> systems = evals.run(Long.parseLong(s2.get(3).output("run").orElseThrow().ref()))
                    .orElseThrow().systems();
            assertThat(systems).extracting(SystemRef::label).containsExactly("base", "candidate", "best");
            assertThat(systems.get(2).adapterHash()).isEqualTo(firstAdapter);
            assertThat(systems.get(1).adapterHash()).isNotEqualTo(firstAdapter);
            assertThat(s2.get(4).log()).contains("candidate vs best");
        }
    }
}
