package dev.modelfactory.engine.format.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.ModelSpec;
import dev.modelfactory.engine.format.RopeStyle;
import dev.modelfactory.engine.format.safetensors.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfModelFolderTest {

    @TempDir
    Path dir;

    static final String LLAMA3 = """
            {"architectures":["LlamaForCausalLM"],"hidden_size":8,"num_hidden_layers":2,"num_attention_heads":2,
             "num_key_value_heads":1,"intermediate_size":16,"vocab_size":5,"max_position_embeddings":4096,
             "rope_theta":500000.0,"rms_norm_eps":1e-05,"tie_word_embeddings":true,
             "rope_scaling":{"factor":8.0,"low_freq_factor":1.0,"high_freq_factor":4.0,
                             "original_max_position_embeddings":8192,"rope_type":"llama3"}}""";

    @Test
    void llama3Config() throws Exception {
        Files.writeString(dir.resolve("config.json"), LLAMA3);
        ModelSpec s = HfModelFolder.open(dir).spec();
        assertThat(s.architecture()).isEqualTo("llama");
        assertThat(s.dim()).isEqualTo(8);
        assertThat(s.layers()).isEqualTo(2);
        assertThat(s.kvHeads()).isEqualTo(1);
        assertThat(s.headDim()).isEqualTo(4);
        assertThat(s.ropeTheta()).isEqualTo(500000.0);
        assertThat(s.rmsNormEps()).isEqualTo(1e-5);
        assertThat(s.ropeStyle()).isEqualTo(RopeStyle.NEOX);
        assertThat(s.tiedEmbeddings()).isTrue();
        assertThat(s.qkvBias()).isFalse();
        assertThat(s.ropeScaling()).hasValueSatisfying(r -> {
            assertThat(r.type()).isEqualTo("llama3");
            assertThat(r.factor()).isEqualTo(8.0);
            assertThat(r.lowFreqFactor()).isEqualTo(1.0);
            assertThat(r.highFreqFactor()).isEqualTo(4.0);
            assertThat(r.originalContextLength()).isEqualTo(8192);
        });
    }

    @Test
    void qwen2AndMistralConfigs() throws Exception {
        Files.writeString(dir.resolve("config.json"), """
                {"architectures":["Qwen2ForCausalLM"],"hidden_size":8,"num_hidden_layers":1,"num_attention_heads":2,
                 "num_key_value_heads":2,"intermediate_size":16,"vocab_size":5,"rope_theta":1000000.0,
                 "tie_word_embeddings":false,"rope_scaling":null}""");
        ModelSpec q = HfModelFolder.open(dir).spec();
        assertThat(q.architecture()).isEqualTo("qwen2");
        assertThat(q.qkvBias()).isTrue();
        assertThat(q.ropeScaling()).isEmpty();
        assertThat(q.rmsNormEps()).isEqualTo(1e-6);
        Files.writeString(dir.resolve("config.json"), """
                {"architectures":["MistralForCausalLM"],"hidden_size":8,"num_hidden_layers":1,"num_attention_heads":4,
                 "num_key_value_heads":2,"head_dim":4,"intermediate_size":16,"vocab_size":5}""");
        ModelSpec m = HfModelFolder.open(dir).spec();
        assertThat(m.architecture()).isEqualTo("mistral");
        assertThat(m.headDim()).isEqualTo(4);
        assertThat(m.tiedEmbeddings()).isFalse();
    }

    @Test
    void badConfigsNameTheField() throws Exception {
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, "{\"architectures\":[\"GPT2LMHeadModel\"]}");
        assertThatThrownBy(() -> HfModelFolder.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("architectures").hasMessageContaining("GPT2LMHeadModel");
        Files.writeString(cfg, LLAMA3.replace("\"hidden_size\":8", "\"hidden_size\":-8"));
        assertThatThrownBy(() -> HfModelFolder.open(dir)).hasMessageContaining("hidden_size");
        Files.writeString(cfg, LLAMA3.replace("\"num_key_value_heads\":1", "\"num_key_value_heads\":3"));
        assertThatThrownBy(() -> HfModelFolder.open(dir)).hasMessageContaining("kvHeads");
        assertThatThrownBy(() -> HfModelFolder.open(dir.resolve("nope"))).hasMessageContaining("config.json");
    }

    @Test
    void namesMapToCanonical() {
        assertThat(HfNames.toCanonical("model.embed_tokens.weight")).contains("token_embd.weight");
        assertThat(HfNames.toCanonical("model.layers.11.self_attn.q_proj.weight")).contains("blk.11.attn_q.weight");
        assertThat(HfNames.toCanonical("model.layers.0.self_attn.k_proj.bias")).contains("blk.0.attn_k.bias");
        assertThat(HfNames.toCanonical("model.layers.0.self_attn.o_proj.weight")).contains("blk.0.attn_output.weight");
        assertThat(HfNames.toCanonical("model.layers.2.mlp.down_proj.weight")).contains("blk.2.ffn_down.weight");
        assertThat(HfNames.toCanonical("model.layers.2.post_attention_layernorm.weight")).contains("blk.2.ffn_norm.weight");
        assertThat(HfNames.toCanonical("model.layers.2.input_layernorm.weight")).contains("blk.2.attn_norm.weight");
        assertThat(HfNames.toCanonical("model.norm.weight")).contains("output_norm.weight");
        assertThat(HfNames.toCanonical("lm_head.weight")).contains("output.weight");
        assertThat(HfNames.toCanonical("model.layers.0.self_attn.rotary_emb.inv_freq")).isEmpty();
    }

    @Test
    void weightsUnderCanonicalNamesWithTiedHeadDropped() throws Exception {
        Files.writeString(dir.resolve("config.json"), LLAMA3);
        new SafetensorsWriter()
                .addFloats("model.embed_tokens.weight", new long[] {5, 8}, new float[40])
                .addFloats("lm_head.weight", new long[] {5, 8}, new float[40])
                .addFloats("model.layers.0.self_attn.q_proj.weight", new long[] {8, 8}, new float[64])
                .addFloats("model.layers.0.self_attn.k_proj.weight", new long[] {4, 8}, new float[32])
                .addFloats("model.layers.0.self_attn.rotary_emb.inv_freq", new long[] {2}, new float[] {1, 2})
                .write(dir.resolve("model.safetensors"));
        HfModelFolder folder = HfModelFolder.open(dir);
        try (HfWeights w = folder.openWeights()) {
            assertThat(w.names()).containsExactlyInAnyOrder("token_embd.weight", "blk.0.attn_q.weight",
                    "blk.0.attn_k.weight");
            assertThat(w.shape("blk.0.attn_k.weight")).containsExactly(4, 8);
            assertThat(w.dtype("token_embd.weight")).isEqualTo("F32");
            assertThat(w.unmappedNames()).containsExactlyInAnyOrder("lm_head.weight",
                    "model.layers.0.self_attn.rotary_emb.inv_freq");
            assertThat(w.dequantize("blk.0.attn_q.weight")).hasSize(64);
        }
    }
}
