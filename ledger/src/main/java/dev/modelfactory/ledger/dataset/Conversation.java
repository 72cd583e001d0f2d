package dev.modelfactory.ledger.dataset;

import java.util.List;
import java.util.Objects;

/**
 * The canonical dataset row every import format maps to: an ordered conversation, or raw text for
 * pre-training style rows, plus curation tags.
 *
 * <p>Shape: a chat row has {@code messages} and a null {@code text}; a raw-text row (from a
 * {@code .txt}/{@code .md} file or a CSV text column) has no messages and a {@code text}. Both are
 * allowed together, but a row must carry something. {@code tools} holds tool definitions offered to
 * the model (ShareGPT/OpenAI {@code tools}) as compact JSON text. Tags are curation metadata and, unlike
 * everything else here, not part of the row's identity ({@link RowHash}).
 *
 * @param messages the turns, in order; may be empty for a raw-text row
 * @param text     raw text, or null
 * @param tools    tool definitions as JSON text, or null
 * @param tags     curation tags, in the order given; never null
 */
public record Conversation(List<Message> messages, String text, String tools, List<String> tags) {

    public Conversation {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** A chat row without tools or tags. */
    public static Conversation of(List<Message> messages) {
        return new Conversation(messages, null, null, List.of());
    }

    /** A raw-text row without tags. */
    public static Conversation ofText(String text) {
        return new Conversation(List.of(), Objects.requireNonNull(text, "text"), null, List.of());
    }

    /** The same row with other tags. */
    public Conversation withTags(List<String> newTags) {
        return new Conversation(messages, text, tools, newTags);
    }

    /** @return true if there is nothing to train on: no non-blank message and no non-blank text */
    public boolean isEmpty() {
        return (text == null || text.isBlank()) && messages.stream().allMatch(Message::isBlank);
    }

    /** Characters of content (text plus message contents): a cheap length for sorting and filters. */
    public long contentLength() {
        long n = text == null ? 0 : text.length();
        for (Message m : messages) {
            n += m.content().length();
        }
        return n;
    }
}
