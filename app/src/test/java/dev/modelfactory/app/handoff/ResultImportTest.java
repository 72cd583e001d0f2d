package dev.modelfactory.app.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultImportTest {

    @TempDir
    Path dir;
    Path ws;
    Path bundle;
    TrainingConfig config = TrainingConfig.builder().learningRate(2e-4).maxSteps(4).batchSize(4).seqLen(64)
            .evalEvery(2).lora(HandoffFixtures.qv(8, 16f)).build();

    @BeforeEach
    void exported() throws Exception {
        ws = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(ws, dir);
        bundle = dir.resolve("bundle");
        try (Workspace w = Workspace.open(ws)) {
            new JobBundleExport(w).export(BundleRequest.builder().model(model.toString()).dataset(DatasetRef.parse("skills"))
                    .config(config).format(TrainerFormat.LLAMAFACTORY).out(bundle).trainerModel("/cluster/models/tiny")
                    .build(), ProgressListener.NONE, CancellationToken.NONE);
        }
    }

    /** The trainer's output_dir: a PEFT folder and trainer_state.json. */
    private Path trainerOutput(PeftAdapter a) throws Exception {
        Path out = bundle.resolve("output");
        a.save(out);
        HandoffFixtures.trainerState(out);
        return out;
    }

    private ImportedRun importIt(Path out) throws Exception {
        try (Workspace w = Workspace.open(ws)) {
            return new ResultImport(w).importResult(out, bundle, null);
        }
    }

    @Test
    void theTrainersAdapterAndLogsBecomeACompletedRunWithCurves() throws Exception {
        PeftAdapter a = HandoffFixtures.adapter(config.lora(), "/cluster/models/tiny", HandoffFixtures.DIM, HandoffFixtures.KV);
        ImportedRun r = importIt(trainerOutput(a));
        assertThat(r.run().outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(r.run().spec().configHash()).isEqualTo(config.sha256());
        assertThat(r.run().spec().configJson()).isEqualTo(config.canonicalJson());
        assertThat(r.run().adapterHash()).contains(a.sha256());
        assertThat(r.nonFinite()).isEqualTo(1);
        try (Workspace w = Workspace.open(ws)) {
            String root = new ObjectMapper().readTree(bundle.resolve("provenance.json").toFile()).get("dataset")
                    .get("version_root").asText();
            assertThat(r.run().spec().datasetVersion()).isEqualTo(root);
            assertThat(r.run().spec().datasetName()).isEqualTo("skills");
            List<MetricPoint> m = new RunStore(w).metrics(r.run().id(), -1);
            assertThat(m).extracting(MetricPoint::step).containsExactly(1L, 2L, 3L, 4L);
            assertThat(m.get(0).trainLoss()).hasValue(2.75);
            assertThat(m.get(0).learningRate()).hasValue(2e-4);
            assertThat(m.get(0).gradNorm()).hasValue(1.8125);
            assertThat(m.get(1).trainLoss()).hasValue(2.25);
            assertThat(m.get(1).evalLoss()).hasValue(2.125); // train and eval logs of step 2 merged
            assertThat(m.get(2).gradNorm()).isEmpty(); // NaN left out, the step's other values kept
            assertThat(m.get(2).trainLoss()).hasValue(1.875);
            assertThat(m.get(3).evalLoss()).hasValue(1.625);
            assertThat(m.get(3).learningRate()).hasValue(5e-5);
            assertThat(m.get(3).epoch()).isEqualTo(2.0);
            AdapterCatalog.Entry e = new AdapterCatalog(w).find("run:" + r.run().id());
            assertThat(e.hash()).isEqualTo(a.sha256());
            assertThat(PeftAdapter.load(e.folder()).sha256()).isEqualTo(a.sha256());
        }
    }

    @Test
    void anAdapterForAnotherBaseIsRefusedNamingTheBaseModel() throws Exception {
        Path out = trainerOutput(HandoffFixtures.adapter(config.lora(), "meta-llama/Llama-3.1-8B", HandoffFixtures.DIM,
                HandoffFixtures.KV));
        assertThatThrownBy(() -> importIt(out)).isInstanceOf(TrainingInputException.class)
                .hasMessageStartingWith("base model:").hasMessageContaining("meta-llama/Llama-3.1-8B");
        assertNoRun();
    }

    @Test
    void anAdapterOfOtherShapesIsRefusedNamingTheBaseModel() throws Exception {
        Path out = trainerOutput(HandoffFixtures.adapter(config.lora(), "/cluster/models/tiny", 48, 24));
        assertThatThrownBy(() -> importIt(out)).isInstanceOf(TrainingInputException.class)
                .hasMessageStartingWith("base model: the adapter does not fit");
        assertNoRun();
    }

    @Test
    void anotherDatasetHashIsRefusedNamingTheDataset() throws Exception {
        Path out = trainerOutput(HandoffFixtures.adapter(config.lora(), "/cluster/models/tiny", HandoffFixtures.DIM,
                HandoffFixtures.KV));
        ObjectMapper json = new ObjectMapper();
        ObjectNode p = (ObjectNode) json.readTree(bundle.resolve("provenance.json").toFile());
        ((ObjectNode) p.get("dataset")).put("version_root", "ab".repeat(32));
        Files.writeString(bundle.resolve("provenance.json"), json.writeValueAsString(p));
        assertThatThrownBy(() -> importIt(out)).isInstanceOf(TrainingInputException.class)
                .hasMessageStartingWith("dataset:").hasMessageContaining("abababab");
        assertNoRun();
    }

    @Test
    void editedDataOrOtherLoraSettingsAreRefused() throws Exception {
        Path out = trainerOutput(HandoffFixtures.adapter(HandoffFixtures.qv(16, 32f), "/cluster/models/tiny",
                HandoffFixtures.DIM, HandoffFixtures.KV));
        assertThatThrownBy(() -> importIt(out)).isInstanceOf(TrainingInputException.class)
                .hasMessageContaining("rank 16 differs from the bundle's 8");
        Files.writeString(bundle.resolve("data/train.jsonl"), "{}\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> importIt(out)).isInstanceOf(TrainingInputException.class)
                .hasMessageContaining("data/train.jsonl changed since export");
        assertNoRun();
    }

    @Test
    void aResultWithoutTrainerStateIsRefused() throws Exception {
        Path out = dir.resolve("only-adapter");
        HandoffFixtures.adapter(config.lora(), "/cluster/models/tiny", HandoffFixtures.DIM, HandoffFixtures.KV).save(out);
        assertThatThrownBy(() -> importIt(out)).isInstanceOf(TrainingInputException.class)
                .hasMessageContaining("no trainer_state.json");
        assertNoRun();
    }

    private void assertNoRun() throws Exception {
        try (Workspace w = Workspace.open(ws)) {
            assertThat(new RunStore(w).list()).isEmpty();
            assertThat(ws.resolve("runs")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                    p -> assertThat(Files.list(p)).isEmpty());
        }
    }
}
