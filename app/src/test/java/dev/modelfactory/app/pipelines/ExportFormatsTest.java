package dev.modelfactory.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.pipelines.steps.Hashes;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.store.pipeline.RunTrigger;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export step's other formats: a merged GGUF that loads as a model, and a LLaMA-Factory job bundle. */
class ExportFormatsTest {

    @TempDir
    Path dir;

    @Test
    void mergedGgufAndJobBundle() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        Path file = f.write("export.yaml", """
                name: exports
                steps:
                  - import:
                      file: rows.jsonl
                      dataset: skills
                      contributor: alice
                  - freeze:
                      dataset: ${import.dataset}
                      split: [0.8, 0.1, 0.1]
                  - train:
                      model: MODEL
                      dataset: ${freeze.version}
                      max_steps: 2
                      batch_size: 4
                      seq_len: 64
                      eval_every: 0
                      checkpoint_every: 0
                      threads: 1
                  - export:
                      name: merged
                      format: gguf
                      type: f32
                      model: MODEL
                      adapter: ${train.adapter}
                      out: out/merged.gguf
                  - export:
                      name: bundle
                      format: llamafactory
                      model: MODEL
                      dataset: ${freeze.version}
                      run: ${train.run}
                      out: out/bundle
                """.replace("MODEL", f.model.toString()));
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = f.service(ws)) {
            PipelineRunRecord run = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await();
            assertThat(run.status()).as(run.message()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            List<StepRecord> steps = service.steps(run.id());
            Path gguf = dir.resolve("out/merged.gguf");
            assertThat(steps.get(3).output("path").orElseThrow().hash()).isEqualTo(Hashes.file(gguf));
            try (ModelFiles merged = ModelFiles.open(gguf); ModelFiles base = ModelFiles.open(f.model)) {
                assertThat(merged.config()).isEqualTo(base.config());
            }
            Path bundle = dir.resolve("out/bundle");
            assertThat(bundle.resolve("provenance.json")).isRegularFile();
            assertThat(Files.readString(bundle.resolve("provenance.json")))
                    .contains(steps.get(1).output("version").orElseThrow().hash());
            assertThat(steps.get(4).output("path").orElseThrow().hash()).isEqualTo(Hashes.tree(bundle));
            try (var s = Files.list(dir.resolve("out"))) {
                assertThat(s.map(p -> p.getFileName().toString())).as("no temporary left behind")
                        .containsExactlyInAnyOrder("merged.gguf", "bundle");
            }
        }
    }
}
