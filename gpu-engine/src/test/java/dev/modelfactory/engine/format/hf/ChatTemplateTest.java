package dev.modelfactory.engine.format.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.format.gguf.GgufTestWriter;
import dev.modelfactory.engine.format.hf.ChatTemplate.Message;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real chat templates (as published with ChatML/Qwen2, Llama 3 and Mistral-style models) render exactly. */
class ChatTemplateTest {

    @TempDir
    Path dir;

    static String resource(String name) throws IOException {
        try (InputStream in = ChatTemplateTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static final List<Message> CHAT = List.of(new Message("system", "You are helpful."), new Message("user", "Hi "));

    @Test
    void chatml() throws IOException {
        ChatTemplate t = new ChatTemplate(resource("chatml.jinja").strip(), null, "<|im_end|>");
        assertThat(t.render(CHAT, true)).isEqualTo("<|im_start|>system\nYou are helpful.<|im_end|>\n"
                + "<|im_start|>user\nHi <|im_end|>\n<|im_start|>assistant\n");
        assertThat(t.render(CHAT, false)).endsWith("Hi <|im_end|>\n");
    }

    @Test
    void llama3WithTrimAndLoopIndex() throws IOException {
        ChatTemplate t = new ChatTemplate(resource("llama3.jinja"), "<|begin_of_text|>", "<|eot_id|>");
        assertThat(t.render(CHAT, true)).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "You are helpful.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void qwen2WithBlockWhitespaceControlAndStrip() throws IOException {
        ChatTemplate t = new ChatTemplate(resource("qwen2.jinja"), null, null);
        assertThat(t.render(List.of(new Message("user", " Hi ")), true)).isEqualTo(
                "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                        + "<|im_start|>assistant\n");
    }

    @Test
    void raiseExceptionFailsTheRender() throws IOException {
        ChatTemplate t = new ChatTemplate(resource("alternating.jinja").strip(), "<s>", "</s>");
        assertThat(t.render(List.of(new Message("user", "a"), new Message("assistant", "b")), false))
                .isEqualTo("<s>[INST] a [/INST]b</s>");
        assertThatThrownBy(() -> t.render(List.of(new Message("assistant", "b")), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("roles must alternate");
    }

    @Test
    void syntaxErrorsFail() {
        ChatTemplate t = new ChatTemplate("{% for m in messages %}{{ m['role'] }", null, null);
        assertThatThrownBy(() -> t.render(CHAT, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chat template failed");
    }

    @Test
    void fromTokenizerConfigAndGguf() throws IOException {
        Path cfg = dir.resolve("tokenizer_config.json");
        Files.writeString(cfg, new ObjectMapper().writeValueAsString(Map.of(
                "chat_template", resource("llama3.jinja"),
                "bos_token", Map.of("content", "<|begin_of_text|>", "lstrip", false),
                "eos_token", "<|eot_id|>")));
        assertThat(ChatTemplate.fromTokenizerConfig(cfg).orElseThrow().render(CHAT, false))
                .startsWith("<|begin_of_text|><|start_header_id|>system");
        Files.writeString(cfg, "{\"chat_template\":[{\"name\":\"tool_use\",\"template\":\"x\"},"
                + "{\"name\":\"default\",\"template\":\"{{ bos_token }}d\"}],\"bos_token\":\"<s>\"}");
        assertThat(ChatTemplate.fromTokenizerConfig(cfg).orElseThrow().render(CHAT, false)).isEqualTo("<s>d");
        Files.writeString(cfg, "{}");
        assertThat(ChatTemplate.fromTokenizerConfig(cfg)).isEmpty();

        GgufFile f = new GgufTestWriter()
                .string("tokenizer.chat_template", resource("chatml.jinja").strip())
                .strings("tokenizer.ggml.tokens", List.of("<|endoftext|>", "<|im_end|>"))
                .u32("tokenizer.ggml.eos_token_id", 1)
                .parse();
        assertThat(ChatTemplate.fromGguf(f).orElseThrow().render(List.of(new Message("user", "x")), true))
                .isEqualTo("<|im_start|>user\nx<|im_end|>\n<|im_start|>assistant\n");
    }
}
