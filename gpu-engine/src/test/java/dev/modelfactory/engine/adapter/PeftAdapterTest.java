package dev.modelfactory.engine.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.safetensors.SafetensorsDType;
import dev.modelfactory.engine.format.safetensors.SafetensorsFile;
import dev.modelfactory.engine.format.safetensors.SafetensorsTensor;
import dev.modelfactory.engine.format.safetensors.SafetensorsWriter;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeftAdapterTest {

    private static final LlamaConfig C = AdapterFixtures.config(RopeStyle.ROTATE_HALF);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void savesPeftsLayoutAndLoadsItBack() throws IOException {
        PeftAdapter a = AdapterFixtures.adapter(C, Set.of(LoraTarget.V, LoraTarget.Q), 4, false, 1);
        Path folder = dir.resolve("adapter");
        a.save(folder);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("adapter");
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("adapter_config.json", "adapter_model.safetensors");
        }
        JsonNode cfg = JSON.readTree(folder.resolve("adapter_config.json").toFile());
        assertThat(cfg.get("peft_type").asText()).isEqualTo("LORA");
        assertThat(cfg.get("task_type").asText()).isEqualTo("CAUSAL_LM");
        assertThat(cfg.get("r").isInt()).isTrue();
        assertThat(cfg.get("r").asInt()).isEqualTo(4);
        assertThat(cfg.get("lora_alpha").isInt()).isTrue();
        assertThat(cfg.get("lora_alpha").asInt()).isEqualTo(8);
        assertThat(cfg.get("lora_dropout").asDouble()).isEqualTo(0.05);
        assertThat(cfg.get("target_modules")).extracting(JsonNode::asText).containsExactly("q_proj", "v_proj");
        assertThat(cfg.get("use_rslora").asBoolean()).isFalse();
        assertThat(cfg.get("bias").asText()).isEqualTo("none");
        assertThat(cfg.get("fan_in_fan_out").asBoolean(true)).isFalse();
        assertThat(cfg.get("inference_mode").asBoolean()).isTrue();
        assertThat(cfg.get("init_lora_weights").asBoolean()).isTrue();
        assertThat(cfg.get("base_model_name_or_path").asText()).isEqualTo("test/tiny-llama");
        assertThat(cfg.get("modules_to_save").isNull()).isTrue();
        assertThat(cfg.get("layers_to_transform").isNull()).isTrue();
        assertThat(cfg.get("use_dora").asBoolean(true)).isFalse();
        List<String> keys = new ArrayList<>();
        cfg.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isSorted(); // PEFT writes sort_keys=True

        try (SafetensorsFile f = SafetensorsFile.open(folder.resolve("adapter_model.safetensors"))) {
            Map<String, List<Long>> shapes = new HashMap<>();
            for (SafetensorsTensor t : f.tensors()) {
                assertThat(t.dtype()).isEqualTo(SafetensorsDType.F32);
                shapes.put(t.name(), java.util.Arrays.stream(t.shape()).boxed().toList());
            }
            String p = "base_model.model.model.layers.";
            assertThat(shapes).containsOnly(
                    Map.entry(p + "0.self_attn.q_proj.lora_A.weight", List.of(4L, 32L)),
                    Map.entry(p + "0.self_attn.q_proj.lora_B.weight", List.of(32L, 4L)),
                    Map.entry(p + "0.self_attn.v_proj.lora_A.weight", List.of(4L, 32L)),
                    Map.entry(p + "0.self_attn.v_proj.lora_B.weight", List.of(16L, 4L)),
                    Map.entry(p + "1.self_attn.q_proj.lora_A.weight", List.of(4L, 32L)),
                    Map.entry(p + "1.self_attn.q_proj.lora_B.weight", List.of(32L, 4L)),
                    Map.entry(p + "1.self_attn.v_proj.lora_A.weight", List.of(4L, 32L)),
                    Map.entry(p + "1.self_attn.v_proj.lora_B.weight", List.of(16L, 4L)));
        }

        PeftAdapter back = PeftAdapter.load(folder);
        assertThat(back).isEqualTo(a);
        assertThat(back.sha256()).isEqualTo(a.sha256()).hasSize(64);
        a.save(folder); // replacing an existing folder works and leaves no temporary behind
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("adapter");
        }
    }

    /** Trained on a GGUF (interleaved) base, q/k B rows are in that order; the saved adapter is in HF order. */
    @Test
    void parametersOfAnInterleavedBaseAreSavedInHuggingFaceOrder() {
        PeftAdapter a = AdapterFixtures.adapter(C, Set.of(LoraTarget.Q, LoraTarget.K, LoraTarget.V), 2, false, 4);
        LlamaConfig gguf = AdapterFixtures.config(RopeStyle.INTERLEAVED);
        List<Parameter> params = new ArrayList<>();
        a.tensors().forEach((k, t) -> {
            float[] v = t.values();
            int heads = k.contains("q_proj") ? 4 : 2;
            if (k.endsWith("lora_B.weight") && !k.contains("v_proj")) {
                v = RopeRows.toInterleaved(v, t.shape()[0], t.shape()[1], heads);
            }
            params.add(new Parameter(k, t.shape(), v));
        });
        assertThat(PeftAdapter.fromParameters(a.config().lora(), "test/tiny-llama", params, gguf)).isEqualTo(a);
        assertThat(PeftAdapter.fromParameters(a.config().lora(), "test/tiny-llama", params, C)).isNotEqualTo(a);
    }

    @Test
    void hashDependsOnEveryValueAndTheConfig() {
        PeftAdapter a = AdapterFixtures.adapter(C, Set.of(LoraTarget.Q), 2, false, 1);
        assertThat(AdapterFixtures.adapter(C, Set.of(LoraTarget.Q), 2, false, 1).sha256()).isEqualTo(a.sha256());
        assertThat(AdapterFixtures.adapter(C, Set.of(LoraTarget.Q), 2, false, 2).sha256()).isNotEqualTo(a.sha256());
        assertThat(AdapterFixtures.adapter(C, Set.of(LoraTarget.Q), 2, true, 1).sha256()).isNotEqualTo(a.sha256());
    }

    /** As PEFT saves from a fp16 model: F16 tensors and a config with fields this engine ignores. */
    @Test
    void loadsAnF16AdapterWrittenElsewhere() throws IOException {
        PeftAdapter a = AdapterFixtures.adapter(C, Set.of(LoraTarget.DOWN), 2, true, 3);
        Path folder = Files.createDirectories(dir.resolve("peft"));
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        a.tensors().forEach((k, t) -> {
            ByteBuffer b = ByteBuffer.allocate(t.values().length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (float x : t.values()) {
                b.putShort(Float.floatToFloat16(x));
            }
            w.add(k, SafetensorsDType.F16, new long[] {t.shape()[0], t.shape()[1]}, b.array());
        });
        w.write(folder.resolve("adapter_model.safetensors"));
        Files.writeString(folder.resolve("adapter_config.json"), """
                {"alpha_pattern": {}, "base_model_name_or_path": "x", "bias": "none", "corda_config": null,
                 "fan_in_fan_out": false, "inference_mode": true, "lora_alpha": 4, "lora_bias": false,
                 "lora_dropout": 0.0, "modules_to_save": null, "peft_type": "LORA", "r": 2, "rank_pattern": {},
                 "target_modules": ["down_proj"], "task_type": "CAUSAL_LM", "use_dora": false, "use_rslora": true}
                """);
        PeftAdapter back = PeftAdapter.load(folder);
        back.checkAgainst(C);
        assertThat(back.config().lora().rsLora()).isTrue();
        float[] want = a.tensors().get(LoraTarget.DOWN.peftKey(1, false)).values();
        float[] got = back.tensors().get(LoraTarget.DOWN.peftKey(1, false)).values();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], within(1e-4f));
        }
    }

    @Test
    void shapeMismatchNamesTheKey() {
        PeftAdapter a = AdapterFixtures.adapter(C, Set.of(LoraTarget.K), 4, false, 1);
        LlamaConfig mha = LlamaConfig.builder().dim(32).hiddenDim(64).layers(2).heads(4).kvHeads(4)
                .vocabSize(AdapterFixtures.VOCAB).build();
        assertThatThrownBy(() -> a.checkAgainst(mha)).isInstanceOf(AdapterException.class)
                .hasMessageContaining("base_model.model.model.layers.0.self_attn.k_proj.lora_B.weight")
                .hasMessageContaining("[16, 4]").hasMessageContaining("[32, 4]");
        LlamaConfig deeper = LlamaConfig.builder().dim(32).hiddenDim(64).layers(3).heads(4).kvHeads(2)
                .vocabSize(AdapterFixtures.VOCAB).build();
        assertThatThrownBy(() -> a.checkAgainst(deeper)).hasMessageContaining("2 layers").hasMessageContaining("3");
    }

    @Test
    void refusesMissingUnknownAndUnsupported() throws IOException {
        PeftAdapter a = AdapterFixtures.adapter(C, Set.of(LoraTarget.Q), 2, false, 1);
        Map<String, AdapterTensor> missing = new HashMap<>(a.tensors());
        missing.remove(LoraTarget.Q.peftKey(1, false));
        assertThatThrownBy(() -> new PeftAdapter(a.config(), missing))
                .hasMessageContaining("layers.1.self_attn.q_proj.lora_B.weight: missing");
        Map<String, AdapterTensor> unknown = new HashMap<>(a.tensors());
        unknown.put("base_model.model.lm_head.lora_A.weight", new AdapterTensor(new int[] {2, 2}, new float[4]));
        assertThatThrownBy(() -> new PeftAdapter(a.config(), unknown)).hasMessageContaining("base_model.model.lm_head");

        Path folder = dir.resolve("a");
        a.save(folder);
        String json = Files.readString(folder.resolve("adapter_config.json"));
        Files.writeString(folder.resolve("adapter_config.json"), json.replace("\"use_dora\" : false", "\"use_dora\" : true"));
        assertThatThrownBy(() -> PeftAdapter.load(folder)).hasMessageContaining("adapter_config.json")
                .hasMessageContaining("use_dora");
        Files.writeString(folder.resolve("adapter_config.json"), json.replace("\"bias\" : \"none\"", "\"bias\" : \"all\""));
        assertThatThrownBy(() -> PeftAdapter.load(folder)).hasMessageContaining("bias");
        Files.writeString(folder.resolve("adapter_config.json"), json.replace("\"q_proj\"", "\"c_attn\""));
        assertThatThrownBy(() -> PeftAdapter.load(folder)).hasMessageContaining("target_modules").hasMessageContaining("c_attn");
    }
}
