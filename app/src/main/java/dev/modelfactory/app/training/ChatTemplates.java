package dev.modelfactory.app.training;

import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.train.data.ChatFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run's {@code chat_template} names: null for the model's own template (ChatML when it has none),
 * a built-in format by name, or Jinja text of the user's (rendered with empty {@code bos_token} and
 * {@code eos_token}). Built-ins write their family's BOS/EOS spelling; their control tokens are single
 * tokens only where the model's vocabulary has them (the preview shows how a row is rendered and masked).
 */
public final class ChatTemplates {

    /** Llama 3's header/eot turns (the official template without tool calls and date injection). */
    static final String LLAMA3 = "{{ bos_token }}{% for message in messages %}"
            + "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim"
            + " + '<|eot_id|>' }}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";

    /** Mistral's [INST] turns; a system message is written before the first turn. */
    static final String MISTRAL = "{{ bos_token }}{% for message in messages %}"
            + "{% if message['role'] == 'system' %}{{ message['content'] + '\\n\\n' }}"
            + "{% elif message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}"
            + "{% else %}{{ ' ' + message['content'] + eos_token }}{% endif %}{% endfor %}";

    private record BuiltIn(String label, String jinja, String bos, String eos) {
    }

    private static final Map<String, BuiltIn> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("chatml", new BuiltIn("ChatML", ChatFormat.CHATML, "", ""));
        BUILT_IN.put("llama3", new BuiltIn("Llama 3", LLAMA3, "<|begin_of_text|>", "<|eot_id|>"));
        BUILT_IN.put("mistral", new BuiltIn("Mistral", MISTRAL, "<s>", "</s>"));
    }

    private ChatTemplates() {
    }

    /** The built-in formats' names, as {@code --chat-template} and the config take them. */
    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /** A built-in's display name ("Llama 3"), or the name itself when unknown. */
    public static String label(String name) {
        BuiltIn b = BUILT_IN.get(name);
        return b == null ? name : b.label();
    }

    /** Whether {@code choice} is a built-in's name (else it must be Jinja text). */
    public static boolean isBuiltIn(String choice) {
        return BUILT_IN.containsKey(choice);
    }

    /** Checks a choice without a model: a built-in name or text that looks like Jinja. */
    public static String check(String choice) {
        if (choice != null && !BUILT_IN.containsKey(choice) && !choice.contains("{{") && !choice.contains("{%")) {
            throw new TrainingInputException("chat_template: '" + abbreviate(choice) + "' is neither a built-in format ("
                    + String.join(", ", names()) + ") nor Jinja text");
        }
        return choice;
    }

    /** The format a run renders its rows with. */
    public static ChatFormat resolve(String choice, Optional<ChatTemplate> model) {
        if (choice == null) {
            return model.map(ChatFormat::new).orElseGet(ChatFormat::chatMl);
        }
        check(choice);
        BuiltIn b = BUILT_IN.get(choice);
        return new ChatFormat(b == null ? new ChatTemplate(choice, "", "") : new ChatTemplate(b.jinja(), b.bos(), b.eos()));
    }

    /** How a plan and the page name the template in use. */
    public static String describe(String choice, Optional<ChatTemplate> model) {
        if (choice == null) {
            return model.isPresent() ? "model" : "chatml (built in)";
        }
        return BUILT_IN.containsKey(choice) ? choice + " (chosen)" : "custom Jinja (" + choice.length() + " characters)";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "\u2026" : s;
    }
}
