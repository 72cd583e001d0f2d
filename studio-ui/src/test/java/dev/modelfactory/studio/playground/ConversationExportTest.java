package dev.modelfactory.studio.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSONL export: OpenAI chat lines that read back to the same conversations, written atomically. */
class ConversationExportTest {

    @TempDir
    Path dir;

    @Test
    void linesReadBackToTheConversationsAndEmptyPanesAreSkipped() throws Exception {
        List<ConversationExport.Entry> entries = List.of(
                new ConversationExport.Entry("Tiny", null, List.of(new ChatMessage("user", "Hi \"there\"\n"),
                        new ChatMessage("assistant", "Hello ü"))),
                new ConversationExport.Entry("Tiny", "alpha", List.of()),
                new ConversationExport.Entry("Tiny", "beta", List.of(new ChatMessage("user", "a"),
                        new ChatMessage("assistant", "b"), new ChatMessage("user", "c"),
                        new ChatMessage("assistant", "d"))));
        Path file = dir.resolve("out.jsonl");
        Files.writeString(file, "old content that must be replaced whole\n");

        ConversationExport.write(file, entries, "ana");

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("messages").get(0).get("content").asText()).isEqualTo("Hi \"there\"\n");
        assertThat(first.get("messages").get(1).get("content").asText()).isEqualTo("Hello ü");
        assertThat(first.get("adapter").isNull()).isTrue();
        assertThat(first.get("contributor").asText()).isEqualTo("ana");
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.get("adapter").asText()).isEqualTo("beta");
        assertThat(second.get("messages")).hasSize(4);
        assertThat(second.get("messages").get(3).get("role").asText()).isEqualTo("assistant");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("out.jsonl");
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheFields() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PaneSettings(0.5, 0, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top-p");
        assertThat(MemoryMeter.bytes(812)).isEqualTo("812 B");
        assertThat(MemoryMeter.bytes(1536)).isEqualTo("1.50 KiB");
        assertThat(MemoryMeter.bytes(3L << 30)).isEqualTo("3.00 GiB");
    }
}
