package dev.modelfactory.engine.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaGgufChatMetadataTest {

    private static final String TEMPLATE = "{% for m in messages %}<{{ m['role'] }}>{{ m['content'] }}{% endfor %}";

    @Test
    void aChatTemplateAndAnEndOfTurnTokenAreWrittenAndReadBack(@TempDir Path dir) throws Exception {
        LlamaConfig c = LlamaConfig.builder().dim(16).hiddenDim(32).layers(1).heads(2).kvHeads(2).vocabSize(300)
                .maxSeqLen(16).build();
        Path file = dir.resolve("chat.gguf");
        LlamaGguf.write(file, c, RandomWeights.create(c, 3), GgmlType.F32, LlamaGguf.vocabulary(300), "chat", TEMPLATE, 290);
        try (LoadedModel m = ModelLoader.load(file, Backends.named("reference"), 16)) {
            assertThat(m.chat()).map(ChatTemplate::template).contains(TEMPLATE);
            assertThat(m.chat().orElseThrow().render(List.of(new ChatTemplate.Message("user", "hi")), false))
                    .isEqualTo("<user>hi");
            assertThat(m.tokenizer().isEndOfGeneration(290)).isTrue();
            assertThat(m.tokenizer().isEndOfGeneration(289)).isFalse();
        }
        Path plain = dir.resolve("plain.gguf");
        LlamaGguf.write(plain, c, RandomWeights.create(c, 3), GgmlType.F32);
        try (LoadedModel m = ModelLoader.load(plain, Backends.named("reference"), 16)) {
            assertThat(m.chat()).isEmpty();
            assertThat(m.tokenizer().isEndOfGeneration(290)).isFalse();
        }
        assertThatThrownBy(() -> LlamaGguf.write(dir.resolve("bad.gguf"), c, RandomWeights.create(c, 3), GgmlType.F32,
                LlamaGguf.vocabulary(300), "bad", null, 300)).hasMessageContaining("eotTokenId");
    }
}
