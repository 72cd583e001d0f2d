package dev.modelfactory.ledger.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenAI chat records: {@code messages}, an array of {@code {role, content}} with optional
 * {@code name}, {@code tool_calls} and {@code tool_call_id}; optional top-level {@code tools}.
 *
 * <p>{@code role}: system/developer -> system, user, assistant, tool/function -> tool.
 * {@code content}: a string; null or absent only with {@code tool_calls} (read as {@code ""}); or an
 * array of parts whose {@code text} parts are joined (any non-text part rejects the record, since this
 * studio trains text models).
 */
final class OpenAiMapper implements JsonRowMapper {

    @Override
    public Conversation map(Map<String, Object> r) throws BadRowException {
        List<Object> items = JsonValues.requiredArray(r, "messages");
        List<Message> messages = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String where = "messages[" + i + "]";
            Map<String, Object> m = JsonValues.object(items.get(i), where);
            if (!m.containsKey("role")) {
                throw new BadRowException("missing required field '" + where + ".role'");
            }
            Role role = role(JsonValues.string(m.get("role"), where + ".role"), where);
            String toolCalls = JsonValues.jsonText(m.get("tool_calls"));
            String content = content(m.get("content"), toolCalls != null, where);
            messages.add(new Message(role, content, JsonValues.optionalString(m, "name"), toolCalls,
                    JsonValues.optionalString(m, "tool_call_id")));
        }
        return new Conversation(messages, null, JsonValues.jsonText(r.get("tools")), JsonValues.tags(r));
    }

    private static Role role(String role, String where) throws BadRowException {
        return switch (role.strip().toLowerCase(Locale.ROOT)) {
            case "system", "developer" -> Role.SYSTEM;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "tool", "function" -> Role.TOOL;
            default -> throw new BadRowException("unknown role '" + role + "' in " + where + ".role");
        };
    }

    private static String content(Object content, boolean hasToolCalls, String where) throws BadRowException {
        if (content == null) {
            if (hasToolCalls) {
                return "";
            }
            throw new BadRowException("missing required field '" + where + ".content'");
        }
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof List<?> parts) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                Map<String, Object> part = JsonValues.object(parts.get(i), where + ".content[" + i + "]");
                Object type = part.get("type");
                if (!"text".equals(type)) {
                    throw new BadRowException("unsupported content part type '" + type + "' in " + where
                            + ".content[" + i + "] (only text parts are imported)");
                }
                sb.append(JsonValues.string(part.get("text"), where + ".content[" + i + "].text"));
            }
            return sb.toString();
        }
        throw new BadRowException("field '" + where + ".content' must be a string or an array of parts, got "
                + JsonValues.typeName(content));
    }
}
