package dev.modelfactory.ledger.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ShareGPT records: {@code conversations}, an array of {@code {from, value}} (strings, required);
 * optional top-level {@code system} (string) and {@code tools} (string or JSON).
 *
 * <p>Speakers: {@code human}/{@code user} -> user; {@code gpt}/{@code assistant}/{@code chatgpt}/
 * {@code bing}/{@code bard}/{@code model} -> assistant; {@code system} -> system;
 * {@code tool}/{@code observation} -> tool; {@code function_call} -> an assistant turn with empty
 * content whose {@code toolCalls} is the value. Any other speaker rejects the record.
 */
final class ShareGptMapper implements JsonRowMapper {

    @Override
    public Conversation map(Map<String, Object> r) throws BadRowException {
        List<Object> turns = JsonValues.requiredArray(r, "conversations");
        List<Message> messages = new ArrayList<>(turns.size() + 1);
        String system = JsonValues.optionalString(r, "system");
        if (system != null && !system.isBlank()) {
            messages.add(Message.of(Role.SYSTEM, system));
        }
        for (int i = 0; i < turns.size(); i++) {
            String where = "conversations[" + i + "]";
            Map<String, Object> turn = JsonValues.object(turns.get(i), where);
            if (!turn.containsKey("from")) {
                throw new BadRowException("missing required field '" + where + ".from'");
            }
            if (!turn.containsKey("value")) {
                throw new BadRowException("missing required field '" + where + ".value'");
            }
            String from = JsonValues.string(turn.get("from"), where + ".from");
            String value = JsonValues.string(turn.get("value"), where + ".value");
            messages.add(message(from, value, where));
        }
        return new Conversation(messages, null, JsonValues.jsonText(r.get("tools")), JsonValues.tags(r));
    }

    private static Message message(String from, String value, String where) throws BadRowException {
        return switch (from.strip().toLowerCase(Locale.ROOT)) {
            case "human", "user" -> Message.of(Role.USER, value);
            case "gpt", "assistant", "chatgpt", "bing", "bard", "model" -> Message.of(Role.ASSISTANT, value);
            case "system" -> Message.of(Role.SYSTEM, value);
            case "tool", "observation" -> Message.of(Role.TOOL, value);
            case "function_call" -> new Message(Role.ASSISTANT, "", null, value, null);
            default -> throw new BadRowException("unknown speaker '" + from + "' in " + where + ".from");
        };
    }
}
