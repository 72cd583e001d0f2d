package dev.modelfactory.ledger.dataset;

import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * @param role       who speaks
 * @param content    the text, never null (an assistant turn that only calls tools has {@code ""})
 * @param name       optional speaker or tool name (OpenAI {@code name}); null if absent
 * @param toolCalls  optional tool calls the assistant makes, as compact JSON text (OpenAI
 *                   {@code tool_calls}, ShareGPT {@code function_call}); null if absent
 * @param toolCallId optional id of the call a {@link Role#TOOL} message answers; null if absent
 */
public record Message(Role role, String content, String name, String toolCalls, String toolCallId) {

    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** A plain message without name or tool fields. */
    public static Message of(Role role, String content) {
        return new Message(role, content, null, null, null);
    }

    /** @return true if the message carries nothing: blank content and no tool calls */
    public boolean isBlank() {
        return content.isBlank() && (toolCalls == null || toolCalls.isBlank());
    }
}
