package dev.modelfactory.studio.playground;

import java.util.Objects;

/** One turn of a pane's conversation; role is "user" or "assistant" (OpenAI chat roles). */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
