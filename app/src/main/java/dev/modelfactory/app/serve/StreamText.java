package dev.modelfactory.app.serve;

import java.util.List;

/**
 * The text a stream may send so far, given the decoded text of the tokens generated up to now. Two things
 * in that text can still change or vanish from the final answer, so they are held back: a trailing run of
 * U+FFFD (the bytes of a character whose remaining bytes are in tokens still to come) and a stop string or
 * its start (the engine cuts the final text before the first stop string, which the next token may complete).
 * What is sent is therefore always a prefix of the final text, and {@link #rest} completes it.
 */
final class StreamText {

    private final List<String> stops;
    private final int holdBack;
    private String sent = "";

    StreamText(List<String> stops) {
        this.stops = List.copyOf(stops);
        this.holdBack = stops.stream().mapToInt(String::length).max().orElse(1) - 1;
    }

    /** Takes the whole decoded text so far; returns the new text now safe to send (possibly empty). */
    String update(String decoded) {
        if (!decoded.startsWith(sent)) {
            return ""; // cannot happen for held-back text; never send what contradicts what was sent
        }
        int end = decoded.length();
        while (end > sent.length() && decoded.charAt(end - 1) == '\uFFFD') {
            end--;
        }
        int safe = Math.max(sent.length(), end - holdBack);
        for (String s : stops) {
            int i = decoded.indexOf(s);
            if (i >= 0) {
                safe = Math.min(safe, Math.max(sent.length(), i));
            }
        }
        // never split a surrogate pair between two chunks
        if (safe > sent.length() && Character.isHighSurrogate(decoded.charAt(safe - 1))) {
            safe--;
        }
        String out = decoded.substring(sent.length(), safe);
        sent = decoded.substring(0, safe);
        return out;
    }

    /** What is left to send once the final text is known (empty if it does not extend what was sent). */
    String rest(String finalText) {
        return finalText.startsWith(sent) ? finalText.substring(sent.length()) : "";
    }
}
