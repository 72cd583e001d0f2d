package dev.modelfactory.engine.train.data;

import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.format.hf.ChatTemplate.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a conversation with a chat template and splits the text into prompt and response spans.
 *
 * <p>Works with any Hugging Face template, without {@code {% generation %}} markers: for the i-th
 * assistant turn, the messages before it rendered with {@code add_generation_prompt} end where the
 * response starts, and the messages up to and including it end where the response (with the template's
 * end-of-turn text, which the model must learn to emit) stops. A template for which these renders are not
 * prefixes of each other cannot be split this way and is refused with the turn's index.
 */
public final class ChatFormat {

    /** A run of rendered text; {@code response} spans carry the loss. */
    public record Span(String text, boolean response) {
    }

    /** ChatML, for models without a template of their own. */
    public static final String CHATML = "{% for message in messages %}"
            + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
            + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private final ChatTemplate template;

    public ChatFormat(ChatTemplate template) {
        this.template = template;
    }

    /** The built-in ChatML format (its control tokens must be in the tokenizer to be single tokens). */
    public static ChatFormat chatMl() {
        return new ChatFormat(new ChatTemplate(CHATML, "", ""));
    }

    public ChatTemplate template() {
        return template;
    }

    /** The whole conversation as the model sees it. */
    public String render(Conversation c) {
        return template.render(c.messages(), false);
    }

    /** Prompt and response spans that concatenate to {@link #render}. */
    public List<Span> spans(Conversation c) {
        List<Message> msgs = c.messages();
        List<Span> spans = new ArrayList<>();
        String done = "";
        for (int i = 0; i < msgs.size(); i++) {
            if (!Conversation.ASSISTANT.equals(msgs.get(i).role())) {
                continue;
            }
            String prompt = template.render(msgs.subList(0, i), true);
            String full = template.render(msgs.subList(0, i + 1), false);
            if (!prompt.startsWith(done) || !full.startsWith(prompt)) {
                throw new IllegalArgumentException("messages[" + i + "]: the chat template does not render this"
                        + " conversation as a growing prefix, so prompt and response cannot be told apart");
            }
            add(spans, prompt.substring(done.length()), false);
            add(spans, full.substring(prompt.length()), true);
            done = full;
        }
        String all = render(c);
        if (!all.startsWith(done)) {
            throw new IllegalArgumentException("messages: the chat template renders the whole conversation"
                    + " differently from its turns, so prompt and response cannot be told apart");
        }
        add(spans, all.substring(done.length()), false);
        return spans;
    }

    private static void add(List<Span> spans, String text, boolean response) {
        if (!text.isEmpty()) {
            spans.add(new Span(text, response));
        }
    }
}
