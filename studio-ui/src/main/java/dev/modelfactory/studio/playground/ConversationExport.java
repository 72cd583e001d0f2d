package dev.modelfactory.studio.playground;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes the panes' conversations as JSONL in the OpenAI chat fine-tuning format, one line per non-empty
 * pane: {@code {"messages":[{"role":"user","content":…},…],"contributor":…,"model":…,"adapter":…}}, so a
 * dataset import reads them back with the user credited as contributor. Written to a temporary file and
 * renamed, so an existing file is never left half-written.
 */
public final class ConversationExport {

    /** One pane's conversation and which model produced its answers (adapter null: the base). */
    public record Entry(String model, String adapter, List<ChatMessage> messages) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConversationExport() {
    }

    /** The JSONL text (each line one JSON object, ending in a newline); empty conversations are skipped. */
    public static String jsonl(List<Entry> entries, String contributor) {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            if (e.messages().isEmpty()) {
                continue;
            }
            ObjectNode line = JSON.createObjectNode();
            ArrayNode messages = line.putArray("messages");
            for (ChatMessage m : e.messages()) {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
            line.put("contributor", contributor);
            line.put("model", e.model());
            if (e.adapter() == null) {
                line.putNull("adapter");
            } else {
                line.put("adapter", e.adapter());
            }
            try {
                out.append(JSON.writeValueAsString(line)).append('\n');
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
        }
        return out.toString();
    }

    /** Writes {@link #jsonl} to {@code file} atomically (temp file beside it, then rename). */
    public static void write(Path file, List<Entry> entries, String contributor) {
        Path target = file.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temp, jsonl(entries, contributor), StandardCharsets.UTF_8);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the conversation export " + target, e);
        }
    }
}
