package dev.modelfactory.engine.eval;

import dev.modelfactory.engine.format.hf.ChatTemplate;
import java.util.List;
import java.util.Objects;

/**
 * One item of a task. {@code prompt} is the conversation before the answer (rendered with the model's chat
 * template); {@code reference} is the expected answer (for MULTIPLE_CHOICE the right choice's text);
 * {@code choices} and {@code answer} (index into choices) only for MULTIPLE_CHOICE, else empty and -1.
 * {@code source} names where the item came from (a dataset row's content hash, or "file:line"), empty when
 * unknown.
 */
public record EvalItem(String id, List<ChatTemplate.Message> prompt, String reference, List<String> choices,
        int answer, List<String> tags, String source) {

    public EvalItem {
        Objects.requireNonNull(id, "id");
        prompt = List.copyOf(prompt);
        Objects.requireNonNull(reference, "reference");
        choices = List.copyOf(choices);
        tags = List.copyOf(tags);
        source = source == null ? "" : source;
        if (choices.isEmpty() ? answer != -1 : answer < 0 || answer >= choices.size()) {
            throw new IllegalArgumentException("item " + id + ": answer " + answer + " is not an index into "
                    + choices.size() + " choices");
        }
    }

    /** A generation or loss item: one user message, a reference. */
    public static EvalItem of(String id, String user, String reference) {
        return new EvalItem(id, List.of(new ChatTemplate.Message("user", user)), reference, List.of(), -1, List.of(),
                "");
    }
}
