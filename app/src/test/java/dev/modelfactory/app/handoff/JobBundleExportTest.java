package dev.modelfactory.app.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.data.TruncationPolicy;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobBundleExportTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path ws;
    Path model;

    /** Every value differs from the defaults, so a key left at a trainer default would show. */
    static final TrainingConfig CONFIG = TrainingConfig.builder().learningRate(3e-4).schedule(ScheduleKind.COSINE)
            .warmupSteps(3).epochs(2).maxSteps(11).batchSize(4).gradAccum(2).seqLen(64).packing(false)
            .truncation(TruncationPolicy.DROP).seed(7).weightDecay(0.01).beta1(0.85).beta2(0.98).eps(1e-7)
            .maxGradNorm(0.5).explodeGradNorm(100).evalEvery(5).checkpointEvery(10).keepCheckpoints(3)
            .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), 8, 16f, 0.05f, true)).build();

    @BeforeEach
    void data() throws Exception {
        ws = dir.resolve("ws");
        model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(ws, dir);
    }

    private BundleSummary export(TrainerFormat f, Path out) throws Exception {
        try (Workspace w = Workspace.open(ws)) {
            return new JobBundleExport(w).export(BundleRequest.builder().model(model.toString())
                    .dataset(DatasetRef.parse("skills")).config(CONFIG).format(f).out(out).trainerModel("/models/tiny")
                    .build(), ProgressListener.NONE, CancellationToken.NONE);
        }
    }

    @Test
    void llamaFactoryBundleCarriesTheStudioConfigKeyByKey() throws Exception {
        Path out = dir.resolve("lf");
        BundleSummary s = export(TrainerFormat.LLAMAFACTORY, out);
        JsonNode y = YAML.readTree(out.resolve("llamafactory.yaml").toFile());
        assertThat(y.get("model_name_or_path").asText()).isEqualTo("/models/tiny");
        assertThat(y.get("stage").asText()).isEqualTo("sft");
        assertThat(y.get("finetuning_type").asText()).isEqualTo("lora");
        assertThat(y.get("lora_rank").asInt()).isEqualTo(8);
        assertThat(y.get("lora_alpha").isInt()).isTrue();
        assertThat(y.get("lora_alpha").asInt()).isEqualTo(16);
        assertThat((float) y.get("lora_dropout").asDouble()).isEqualTo(0.05f);
        assertThat(y.get("lora_target").asText()).isEqualTo("down_proj,q_proj,v_proj");
        assertThat(y.get("use_rslora").asBoolean()).isTrue();
        assertThat(y.get("learning_rate").asDouble()).isEqualTo(3e-4);
        assertThat(y.get("lr_scheduler_type").asText()).isEqualTo("cosine");
        assertThat(y.get("warmup_steps").asInt()).isEqualTo(3);
        assertThat(y.get("num_train_epochs").asInt()).isEqualTo(2);
        assertThat(y.get("max_steps").asInt()).isEqualTo(11);
        assertThat(y.get("per_device_train_batch_size").asInt()).isEqualTo(4);
        assertThat(y.get("gradient_accumulation_steps").asInt()).isEqualTo(2);
        assertThat(y.get("cutoff_len").asInt()).isEqualTo(64);
        assertThat(y.get("packing").asBoolean()).isFalse();
        assertThat(y.get("neat_packing").asBoolean()).isFalse();
        assertThat(y.get("seed").asLong()).isEqualTo(7);
        assertThat(y.get("weight_decay").asDouble()).isEqualTo(0.01);
        assertThat(y.get("adam_beta1").asDouble()).isEqualTo(0.85);
        assertThat(y.get("adam_beta2").asDouble()).isEqualTo(0.98);
        assertThat(y.get("adam_epsilon").asDouble()).isEqualTo(1e-7);
        assertThat(y.get("adam_epsilon").isNumber()).as("1e-7 must not read back as a string").isTrue();
        assertThat(y.get("max_grad_norm").asDouble()).isEqualTo(0.5);
        assertThat(y.get("save_steps").asInt()).isEqualTo(10);
        assertThat(y.get("save_total_limit").asInt()).isEqualTo(3);
        assertThat(y.get("eval_steps").asInt()).isEqualTo(5);
        assertThat(y.get("eval_strategy").asText()).isEqualTo("steps");
        assertThat(y.get("dataset").asText()).isEqualTo("studio_train");
        assertThat(y.get("eval_dataset").asText()).isEqualTo("studio_validation");
        assertThat(y.has("template")).as("the model's own template: LLaMA-Factory parses the tokenizer's").isFalse();

        JsonNode info = JSON.readTree(out.resolve("data/dataset_info.json").toFile());
        assertThat(info.get("studio_train").get("file_name").asText()).isEqualTo("train.jsonl");
        assertThat(info.get("studio_train").get("formatting").asText()).isEqualTo("sharegpt");
        assertThat(info.get("studio_train").get("tags").get("assistant_tag").asText()).isEqualTo("gpt");
        for (String line : Files.readAllLines(out.resolve("data/train.jsonl"))) {
            JsonNode row = JSON.readTree(line);
            assertThat(row.get("conversations").get(0).get("from").asText()).isEqualTo("human");
            assertThat(row.get("conversations").get(1).get("from").asText()).isEqualTo("gpt");
        }
        checkProvenance(out, s, TrainerFormat.LLAMAFACTORY);
    }

    @Test
    void axolotlBundleCarriesTheStudioConfigKeyByKey() throws Exception {
        Path out = dir.resolve("ax");
        BundleSummary s = export(TrainerFormat.AXOLOTL, out);
        JsonNode y = YAML.readTree(out.resolve("axolotl.yaml").toFile());
        assertThat(y.get("base_model").asText()).isEqualTo("/models/tiny");
        assertThat(y.get("adapter").asText()).isEqualTo("lora");
        assertThat(y.get("lora_r").asInt()).isEqualTo(8);
        assertThat(y.get("lora_alpha").asInt()).isEqualTo(16);
        assertThat((float) y.get("lora_dropout").asDouble()).isEqualTo(0.05f);
        assertThat(y.get("lora_target_modules").toString()).isEqualTo("[\"down_proj\",\"q_proj\",\"v_proj\"]");
        assertThat(y.get("peft_use_rslora").asBoolean()).isTrue();
        assertThat(y.get("learning_rate").asDouble()).isEqualTo(3e-4);
        assertThat(y.get("lr_scheduler").asText()).isEqualTo("cosine");
        assertThat(y.get("warmup_steps").asInt()).isEqualTo(3);
        assertThat(y.get("num_epochs").asInt()).isEqualTo(2);
        assertThat(y.get("max_steps").asInt()).isEqualTo(11);
        assertThat(y.get("micro_batch_size").asInt()).isEqualTo(4);
        assertThat(y.get("gradient_accumulation_steps").asInt()).isEqualTo(2);
        assertThat(y.get("sequence_len").asInt()).isEqualTo(64);
        assertThat(y.get("sample_packing").asBoolean()).isFalse();
        assertThat(y.get("seed").asLong()).isEqualTo(7);
        assertThat(y.get("weight_decay").asDouble()).isEqualTo(0.01);
        assertThat(y.get("adam_beta1").asDouble()).isEqualTo(0.85);
        assertThat(y.get("adam_beta2").asDouble()).isEqualTo(0.98);
        assertThat(y.get("adam_epsilon").asDouble()).isEqualTo(1e-7);
        assertThat(y.get("max_grad_norm").asDouble()).isEqualTo(0.5);
        assertThat(y.get("save_steps").asInt()).isEqualTo(10);
        assertThat(y.get("save_total_limit").asInt()).isEqualTo(3);
        assertThat(y.get("eval_steps").asInt()).isEqualTo(5);
        assertThat(y.get("chat_template").asText()).isEqualTo("tokenizer_default");
        assertThat(y.get("train_on_inputs").asBoolean()).isFalse();
        JsonNode ds = y.get("datasets").get(0);
        assertThat(ds.get("type").asText()).isEqualTo("chat_template");
        assertThat(out.resolve(ds.get("path").asText())).isRegularFile();
        assertThat(out.resolve(y.get("test_datasets").get(0).get("path").asText())).isRegularFile();
        for (String line : Files.readAllLines(out.resolve("data/train.jsonl"))) {
            JsonNode row = JSON.readTree(line);
            assertThat(row.get("messages").get(0).get("role").asText()).isEqualTo("user");
        }
        checkProvenance(out, s, TrainerFormat.AXOLOTL);
    }

    /** Shared: rows, exclusions, hashes, every studio field mapped or reported, README commands. */
    private void checkProvenance(Path out, BundleSummary s, TrainerFormat f) throws Exception {
        JsonNode p = JSON.readTree(out.resolve("provenance.json").toFile());
        JsonNode d = p.get("dataset");
        long train = Files.readAllLines(out.resolve("data/train.jsonl")).size();
        long validation = Files.readAllLines(out.resolve("data/validation.jsonl")).size();
        assertThat(d.get("train_rows").asLong()).isEqualTo(train).isPositive();
        assertThat(d.get("validation_rows").asLong()).isEqualTo(validation).isPositive();
        // bob allows EVAL only: his 6 rows are counted, never written
        assertThat(d.get("excluded_not_allowed_for_training").asLong()).isEqualTo(6);
        assertThat(d.get("excluded_by_contributor").get("bob").asLong()).isEqualTo(6);
        assertThat(Files.readString(out.resolve("data/train.jsonl")) + Files.readString(out.resolve("data/validation.jsonl")))
                .doesNotContain("bobsecret");
        assertThat(train + validation + d.get("test_rows_held_out").asLong() + 6).isEqualTo(d.get("version_rows").asLong());
        assertThat(p.get("contributors").get(0).get("contributor").asText()).isEqualTo("alice");
        assertThat(p.get("contributors").get(0).get("allowed_uses").toString()).isEqualTo("[\"eval\",\"train\"]");
        assertThat(p.get("contributors").get(0).get("rows").asLong()).isEqualTo(train + validation);
        assertThat(p.get("config").get("sha256").asText()).isEqualTo(CONFIG.sha256());
        assertThat(p.get("config").get("canonical_json").asText()).isEqualTo(CONFIG.canonicalJson());
        assertThat(p.get("base_model").get("sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(p.get("trainer_config_sha256").asText())
                .isEqualTo(JobBundleExport.sha256(Files.readString(out.resolve(f.configFile()))));
        assertThat(d.get("files").get("data/train.jsonl").asText()).matches("[0-9a-f]{64}");

        List<String> unmapped = new ArrayList<>();
        p.get("unmapped").forEach(u -> unmapped.add(u.get("field").asText()));
        assertThat(unmapped).contains("truncation", "explode_grad_norm");
        TrainerConfig tc = TrainerConfigs.of(f, CONFIG, "/models/tiny", true, true);
        for (String field : fields(JSON.readTree(CONFIG.canonicalJson()), "")) {
            assertThat(tc.mapped().containsKey(field) || unmapped.contains(field))
                    .as("studio field %s is neither mapped nor reported", field).isTrue();
        }
        String readme = Files.readString(out.resolve("README.md"));
        assertThat(readme).contains(s.launch()).contains("adapter import").contains("truncation");
        assertThat(readme).contains(f == TrainerFormat.LLAMAFACTORY ? "NNODES=2" : "torchrun --nproc_per_node");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(x -> x.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    private static List<String> fields(JsonNode n, String prefix) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (n.get(k).isObject()) {
                out.addAll(fields(n.get(k), prefix + k + "."));
            } else {
                out.add(prefix + k);
            }
        }
        return out;
    }

    @Test
    void aFailedExportLeavesNoHalfBundle() throws Exception {
        Path out = dir.resolve("cancelled");
        AtomicInteger checks = new AtomicInteger();
        CancellationToken late = () -> checks.incrementAndGet() > 10; // cancels after some rows were written
        try (Workspace w = Workspace.open(ws)) {
            assertThatThrownBy(() -> new JobBundleExport(w).export(BundleRequest.builder().model(model.toString())
                    .dataset(DatasetRef.parse("skills")).config(CONFIG).format(TrainerFormat.AXOLOTL).out(out).build(),
                    ProgressListener.NONE, late)).isInstanceOf(CancellationException.class);
        }
        assertThat(checks.get()).isGreaterThan(10);
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(x -> x.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void anExistingFolderIsNotOverwritten() throws Exception {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> export(TrainerFormat.LLAMAFACTORY, out)).isInstanceOf(TrainingInputException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void noTrainerDefaultsLeakForAFullFineTuneAndEvalAtTheEnd() {
        TrainingConfig full = CONFIG.toBuilder().lora(null).evalEvery(0).checkpointEvery(0).build();
        TrainerConfig lf = TrainerConfigs.of(TrainerFormat.LLAMAFACTORY, full, "m", false, true);
        assertThat(lf.keys()).containsEntry("finetuning_type", "full").containsEntry("template", "chatml")
                .containsEntry("save_strategy", "no").doesNotContainKey("lora_rank").doesNotContainKey("eval_steps");
        assertThat(lf.unmapped()).extracting(Unmapped::field).contains("eval_every");
        TrainerConfig ax = TrainerConfigs.of(TrainerFormat.AXOLOTL, full, "m", false, false);
        assertThat(ax.keys()).doesNotContainKey("adapter").doesNotContainKey("test_datasets")
                .containsEntry("chat_template", "chatml");
        assertThat(TrainerConfigs.schedule(ScheduleKind.CONSTANT)).isEqualTo("constant_with_warmup");
    }
}
