package dev.modelfactory.app.serve;

import java.util.List;

/**
 * The text a stream may send so far. The engine streams decoded text before it checks stop strings, so a
 * stop string (or its start, which the next token may complete) could reach the client although the final
 * text is cut before it. This holds back the first stop occurrence and the last {@code longest stop - 1}
 * characters; {@link #rest} gives what remains of the final text, so the chunks concatenate to it.
 */
final class StreamText {

    private final List<String> stops;
    private final int holdBack;
    private final StringBuilder seen = new StringBuilder();
    private int sent;

    StreamText(List<String> stops) {
        this.stops = List.copyOf(stops);
        this.holdBack = stops.stream().mapToInt(String::length).max().orElse(1) - 1;
    }

    /** Adds a delta from the engine; returns the text now safe to send (possibly empty). */
    String add(String delta) {
        seen.append(delta);
        int safe = Math.max(sent, seen.length() - holdBack);
        for (String s : stops) {
            int i = s.isEmpty() ? -1 : seen.indexOf(s);
            if (i >= 0) {
                safe = Math.min(safe, Math.max(sent, i));
            }
        }
        // never split a surrogate pair between two chunks
        if (safe > sent && safe < seen.length() && Character.isHighSurrogate(seen.charAt(safe - 1))) {
            safe--;
        }
        String out = seen.substring(sent, safe);
        sent = safe;
        return out;
    }

    /** What is left to send once the final text is known (empty if the stream already diverged from it). */
    String rest(String finalText) {
        String done = seen.substring(0, sent);
        return finalText.startsWith(done) ? finalText.substring(sent) : "";
    }
}
