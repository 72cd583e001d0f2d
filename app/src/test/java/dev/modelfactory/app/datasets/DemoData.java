package dev.modelfactory.app.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small, realistic dataset files for the page's tests and screenshots: an OpenAI-chat JSONL of support
 * conversations (system prompts, a tool call, per-row contributors), with a few bad records and duplicates.
 */
final class DemoData {

    static final String ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String[][] QA = {
        {"How do I reset my router to factory settings?",
            "Hold the reset button on the back for 10 seconds until the lights blink, then wait two minutes for it to restart."},
        {"What does error E42 on the dishwasher mean?",
            "E42 means the drain is blocked. Clean the filter at the bottom of the tub and run a rinse cycle."},
        {"Can I return an opened item?",
            "Yes, within 30 days if it is undamaged and you have the receipt. Opened software cannot be returned."},
        {"How long does standard shipping take?",
            "Standard shipping takes 3 to 5 working days; express arrives the next working day if ordered before 2 pm."},
        {"Why is my laptop battery draining fast?",
            "Check which apps use the most power in the battery settings, lower the screen brightness and turn off Bluetooth when unused."},
        {"How do I change the language of the app?",
            "Open Settings, choose Language and pick one from the list; the app restarts in the new language."},
        {"Is the blender dishwasher safe?",
            "The jug and lid are dishwasher safe on the top rack; wipe the motor base with a damp cloth only."},
        {"My order arrived damaged. What now?",
            "Sorry about that! Send us a photo of the damage with your order number and we will ship a replacement at no cost."},
        {"How do I pair the headphones with my phone?",
            "Hold the power button for 5 seconds until the light flashes blue, then choose the headphones in your phone's Bluetooth list."},
        {"Where can I find my invoice?",
            "Invoices are under Account > Orders; choose the order and press Download invoice."},
    };

    private DemoData() {
    }

    /**
     * Writes the support JSONL: {@code rows} records cycling through the questions, each with its contributor
     * field, the first 30 and every 7th with a system prompt, every 11th after those with a tool call; plus bad
     * records at known lines. Rows 0..29 are 10 groups of 3 exact duplicates (three contributors each); the rest
     * are unique.
     *
     * @return the file
     */
    static Path supportChats(Path folder, int rows) throws IOException {
        List<String> lines = new ArrayList<>();
        String[] contributors = {ALICE, "Ada Lovelace", "Support team Berlin"};
        for (int i = 0; i < rows; i++) {
            String[] qa = QA[i % QA.length];
            String who = contributors[i % contributors.length];
            StringBuilder msgs = new StringBuilder("[");
            if (i < 30 || i % 7 == 0) {
                msgs.append(msg("system", "You are a friendly support agent for Northwind Home. Answer briefly.")).append(',');
            }
            String question = i < QA.length * 3 ? qa[0] : qa[0] + " (ticket " + (1000 + i) + ")";
            msgs.append(msg("user", question)).append(',');
            if (i >= 30 && i % 11 == 5) {
                msgs.append("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_" + i
                        + "\",\"type\":\"function\",\"function\":{\"name\":\"lookup_order\",\"arguments\":\"{\\\"order\\\":\\\""
                        + (52000 + i) + "\\\"}\"}}]},");
                msgs.append("{\"role\":\"tool\",\"tool_call_id\":\"call_" + i + "\",\"content\":\"{\\\"status\\\":\\\"shipped\\\",\\\"eta\\\":\\\"2 days\\\"}\"},");
            }
            msgs.append(msg("assistant", qa[1])).append(']');
            lines.add("{\"messages\":" + msgs + ",\"contributor\":\"" + who + "\"}");
        }
        lines.add(3, "{\"messages\": [{\"role\": \"user\", \"content\": \"Where is my parcel?\"}");
        lines.add(9, "{\"messages\": []}");
        lines.add(15, "{\"messages\": [{\"role\": \"user\", \"content\": 42}]}");
        Path file = folder.resolve("support-chats.jsonl");
        Files.write(file, lines);
        return file;
    }

    /** The 1-based lines of the bad records {@link #supportChats} writes. */
    static final List<Long> BAD_LINES = List.of(4L, 10L, 16L);

    private static String msg(String role, String content) {
        return "{\"role\":\"" + role + "\",\"content\":\"" + content.replace("\"", "\\\"") + "\"}";
    }
}
