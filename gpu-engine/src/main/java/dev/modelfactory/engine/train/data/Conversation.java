package dev.modelfactory.engine.train.data;

import dev.modelfactory.engine.format.hf.ChatTemplate.Message;
import java.util.List;

/**
 * One training example as the app hands it over from a dataset row: chat turns in order. Loss is taken on
 * the {@value #ASSISTANT} turns only; at least one is required.
 */
public record Conversation(List<Message> messages) {

    public static final String ASSISTANT = "assistant";

    public Conversation {
        messages = List.copyOf(messages);
        if (messages.stream().noneMatch(m -> ASSISTANT.equals(m.role()))) {
            throw new IllegalArgumentException("messages: a training conversation needs at least one assistant turn");
        }
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role().isBlank()) {
                throw new IllegalArgumentException("messages[" + i + "].role: must not be blank");
            }
        }
    }

    /** A single prompt/response pair (optionally with a system prompt, {@code null} for none). */
    public static Conversation of(String system, String user, String assistant) {
        return system == null
                ? new Conversation(List.of(new Message("user", user), new Message(ASSISTANT, assistant)))
                : new Conversation(List.of(new Message("system", system), new Message("user", user),
                        new Message(ASSISTANT, assistant)));
    }
}
