package dev.modelfactory.ledger.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alpaca records: {@code instruction} and {@code output} (strings, required), {@code input},
 * {@code system} (optional strings) and {@code history} (optional array of {@code [prompt, answer]}
 * string pairs, oldest first, as LLaMA-Factory writes it).
 *
 * <p>Row shape: [system] + history turns + user({@code instruction}, followed by a blank line and
 * {@code input} when input is not blank) + assistant({@code output}); the same template every Alpaca
 * trainer uses, so the hash of a row does not depend on which tool wrote the file.
 */
final class AlpacaMapper implements JsonRowMapper {

    @Override
    public Conversation map(Map<String, Object> r) throws BadRowException {
        String instruction = JsonValues.requiredString(r, "instruction");
        String output = JsonValues.requiredString(r, "output");
        String input = JsonValues.optionalString(r, "input");
        String system = JsonValues.optionalString(r, "system");
        List<Message> messages = new ArrayList<>(4);
        if (system != null && !system.isBlank()) {
            messages.add(Message.of(Role.SYSTEM, system));
        }
        Object history = r.get("history");
        if (history != null) {
            history(history, messages);
        }
        String prompt = input == null || input.isBlank() ? instruction : instruction + "\n\n" + input;
        messages.add(Message.of(Role.USER, prompt));
        messages.add(Message.of(Role.ASSISTANT, output));
        return new Conversation(messages, null, null, JsonValues.tags(r));
    }

    private static void history(Object history, List<Message> messages) throws BadRowException {
        if (!(history instanceof List<?> turns)) {
            throw new BadRowException("field 'history' must be an array, got " + JsonValues.typeName(history));
        }
        for (int i = 0; i < turns.size(); i++) {
            if (!(turns.get(i) instanceof List<?> pair) || pair.size() != 2) {
                throw new BadRowException("history[" + i + "] must be a [prompt, answer] pair");
            }
            messages.add(Message.of(Role.USER, JsonValues.string(pair.get(0), "history[" + i + "][0]")));
            messages.add(Message.of(Role.ASSISTANT, JsonValues.string(pair.get(1), "history[" + i + "][1]")));
        }
    }
}
