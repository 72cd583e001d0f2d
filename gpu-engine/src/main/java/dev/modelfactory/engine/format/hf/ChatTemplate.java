package dev.modelfactory.engine.format.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.gguf.GgufArray;
import dev.modelfactory.engine.format.gguf.GgufFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A model's Jinja chat template, rendered with Jinjava the way transformers renders it: trim_blocks and
 * lstrip_blocks on, {@code messages}, {@code bos_token}, {@code eos_token} and {@code add_generation_prompt}
 * bound, {@code raise_exception(msg)} available. Any render error (including a template's own
 * raise_exception) fails the render: Jinjava reports errors instead of throwing, and a half-rendered
 * prompt would silently change what the model sees.
 */
public final class ChatTemplate {

    /** One chat turn; {@code role} is "system", "user", "assistant" or whatever the template knows. */
    public record Message(String role, String content) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String template;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinjava;

    public ChatTemplate(String template, String bosToken, String eosToken) {
        this.template = Objects.requireNonNull(template, "template");
        this.bosToken = bosToken == null ? "" : bosToken;
        this.eosToken = eosToken == null ? "" : eosToken;
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withMaxOutputSize(16L * 1024 * 1024)
                // Jinja2 semantics HF templates rely on: {{- -}} trimming, Python operator precedence
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .build())
                .build());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatTemplate.class, "raiseException", String.class));
    }

    /** Bound as {@code raise_exception} inside templates. */
    public static String raiseException(String message) {
        throw new IllegalArgumentException(message);
    }

    public String template() {
        return template;
    }

    public String render(List<Message> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> msgs = new ArrayList<>();
        for (Message m : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", m.role());
            map.put("content", m.content());
            msgs.add(map);
        }
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("messages", msgs);
        bindings.put("bos_token", bosToken);
        bindings.put("eos_token", eosToken);
        bindings.put("add_generation_prompt", addGenerationPrompt);
        RenderResult result = jinjava.renderForResult(template, bindings);
        if (!result.getErrors().isEmpty()) {
            String why = result.getErrors().stream()
                    .map(e -> describe(e) + (e.getLineno() > 0 ? " (line " + e.getLineno() + ")" : ""))
                    .collect(Collectors.joining("; "));
            throw new IllegalArgumentException("chat template failed: " + why);
        }
        return result.getOutput();
    }

    /** A template's own raise_exception message when that is the cause, else Jinjava's message. */
    private static String describe(com.hubspot.jinjava.interpret.TemplateError e) {
        for (Throwable t = e.getException(); t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getStackTrace().length > 0
                    && "raiseException".equals(t.getStackTrace()[0].getMethodName())) {
                return "raise_exception: " + t.getMessage();
            }
        }
        return e.getMessage();
    }

    /**
     * The template of a {@code tokenizer_config.json}: {@code chat_template} as a string, or as a list of
     * {@code {name, template}} where "default" is taken. Empty when the file has none.
     */
    public static Optional<ChatTemplate> fromTokenizerConfig(Path tokenizerConfig) {
        JsonNode c;
        try {
            c = JSON.readTree(Files.readString(tokenizerConfig));
        } catch (IOException e) {
            throw new ModelFormatException(tokenizerConfig + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode t = c == null ? null : c.get("chat_template");
        String template = null;
        if (t != null && t.isTextual()) {
            template = t.textValue();
        } else if (t != null && t.isArray()) {
            for (JsonNode named : t) {
                if ("default".equals(named.path("name").asText())) {
                    template = named.path("template").asText(null);
                }
            }
        } else if (t != null && !t.isNull()) {
            throw ModelFormatException.field(tokenizerConfig.toString(), "chat_template", "must be a string or a list");
        }
        if (template == null) {
            return Optional.empty();
        }
        return Optional.of(new ChatTemplate(template, HfTokenizerConfig.tokenText(c.get("bos_token")),
                HfTokenizerConfig.tokenText(c.get("eos_token"))));
    }

    /** The template embedded in a GGUF file ({@code tokenizer.chat_template}), with its BOS/EOS token text. */
    public static Optional<ChatTemplate> fromGguf(GgufFile f) {
        return f.getString("tokenizer.chat_template").map(t -> {
            String[] tokens = f.getArray("tokenizer.ggml.tokens").map(GgufArray::values)
                    .filter(String[].class::isInstance).map(String[].class::cast).orElse(new String[0]);
            return new ChatTemplate(t, token(f, tokens, "tokenizer.ggml.bos_token_id"),
                    token(f, tokens, "tokenizer.ggml.eos_token_id"));
        });
    }

    private static String token(GgufFile f, String[] tokens, String key) {
        long id = f.getLong(key).orElse(-1L);
        return id >= 0 && id < tokens.length ? tokens[(int) id] : "";
    }
}
