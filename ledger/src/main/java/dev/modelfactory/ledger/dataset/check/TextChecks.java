package dev.modelfactory.ledger.dataset.check;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.Role;
import java.util.Locale;
import java.util.Set;

/**
 * Heuristics on a row's text: empty reply, truncated reply, mostly non-text.
 *
 * <h2>Truncated reply</h2>
 * The last assistant reply is judged cut off when (first rule that applies):
 * <ol>
 * <li>its code fences ({@code ```} or {@code ~~~} lines) are unbalanced: generation stopped inside a block;</li>
 * <li>it ends with a character that announces more: {@code , ; : ( [ { - & + = /} (a colon
 *     announces a list or code that is missing);</li>
 * <li>its last word is a word that cannot end an English sentence ("the", "and", "of", "to", ...);</li>
 * <li>it ends in a letter or digit with no closing punctuation although it punctuates sentences
 *     elsewhere ({@code ". "}, {@code "! "} or {@code "? "} earlier), and its last line is prose (four
 *     words or more, not a list item, heading, table row or URL): the last sentence was cut, mid-word or
 *     after a whole word (telling the two apart needs a dictionary, and both are truncation).</li>
 * </ol>
 * Short answers ("Paris", "4") and replies without sentence punctuation are never flagged by rule 4.
 *
 * <h2>Mostly non-text</h2>
 * Letters divided by visible characters (no whitespace), where runs of 40+ characters from the
 * base64/hex alphabet without a space count as non-letters, and control characters and U+FFFD count as
 * visible; rows with fewer than {@value #MIN_VISIBLE} visible characters are not judged.
 */
public final class TextChecks {

    static final int MIN_VISIBLE = 16;
    private static final int BLOB_RUN = 40;
    private static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile("^\\d+[.)].*");
    private static final Set<String> DANGLING = Set.of("the", "a", "an", "and", "or", "but", "of", "to", "in", "with",
            "for", "from", "that", "which", "is", "are", "was", "were", "because", "if", "than", "as", "by", "on",
            "at", "into", "my", "your", "their", "its", "our", "this", "these", "those", "will", "would", "can",
            "could", "should", "very", "so", "not");

    private TextChecks() {
    }

    /** The reply a row's output checks look at: the last assistant message, or null if there is none. */
    public static Message lastReply(Conversation row) {
        for (int i = row.messages().size() - 1; i >= 0; i--) {
            if (row.messages().get(i).role() == Role.ASSISTANT) {
                return row.messages().get(i);
            }
        }
        return null;
    }

    /** A chat row whose last assistant reply is blank (without tool calls), or that has no reply at all. */
    public static boolean emptyOutput(Conversation row) {
        if (row.messages().isEmpty()) {
            return false;
        }
        Message reply = lastReply(row);
        return reply == null || reply.isBlank();
    }

    /** Why the row's last reply looks cut off (see the class comment), or null if it does not. */
    public static String truncationReason(Conversation row) {
        Message reply = lastReply(row);
        return reply == null ? null : truncationReason(reply.content());
    }

    /** Why {@code reply} looks cut off, or null. */
    public static String truncationReason(String reply) {
        String text = reply.stripTrailing();
        if (text.isEmpty()) {
            return null;
        }
        int fences = 0;
        if (text.contains("```") || text.contains("~~~")) {
            for (String line : text.split("\n", -1)) {
                String l = line.stripLeading();
                if (l.startsWith("```") || l.startsWith("~~~")) {
                    fences++;
                }
            }
        }
        if (fences % 2 != 0) {
            return "unbalanced code fence";
        }
        char last = text.charAt(text.length() - 1);
        if (",;:([{-&+=/".indexOf(last) >= 0) {
            return "ends with '" + last + "'";
        }
        String lastLine = text.substring(text.lastIndexOf('\n') + 1).strip();
        String[] words = lastLine.split("\\s+");
        String lastWord = words[words.length - 1].toLowerCase(Locale.ROOT);
        if (words.length >= 3 && DANGLING.contains(lastWord)) {
            return "ends with '" + lastWord + "'";
        }
        if (Character.isLetterOrDigit(last) && punctuatesSentences(text) && words.length >= 4 && isProse(lastLine)) {
            return "last sentence has no closing punctuation";
        }
        return null;
    }

    private static boolean punctuatesSentences(String text) {
        return text.contains(". ") || text.contains("! ") || text.contains("? ") || text.contains(".\n")
                || text.contains("!\n") || text.contains("?\n");
    }

    private static boolean isProse(String line) {
        return !(line.startsWith("-") || line.startsWith("*") || line.startsWith("#") || line.startsWith("|")
                || line.startsWith(">") || NUMBERED.matcher(line).matches() || line.contains("://"));
    }

    /** True if fewer than {@code minLetterRatio} of the row's visible characters are letters (see the class comment). */
    public static boolean mostlyNonText(Conversation row, double minLetterRatio) {
        long[] counts = new long[2];
        if (row.text() != null) {
            count(row.text(), counts);
        }
        for (Message m : row.messages()) {
            count(m.content(), counts);
        }
        return counts[1] >= MIN_VISIBLE && counts[0] < minLetterRatio * counts[1];
    }

    /** Adds letters to {@code counts[0]} and visible characters to {@code counts[1]}. */
    static void count(String s, long[] counts) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            int runEnd = blobRunEnd(s, i);
            if (runEnd > i) {
                counts[1] += runEnd - i;
                if (runEnd - i < BLOB_RUN) {
                    for (int k = i; k < runEnd; k++) {
                        counts[0] += Character.isLetter(s.charAt(k)) ? 1 : 0;
                    }
                }
                i = runEnd;
                continue;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                continue;
            }
            counts[1]++;
            if (Character.isLetter(cp)) {
                counts[0]++;
            }
        }
    }

    /** End of the run of base64/hex alphabet characters starting at {@code i} (i itself if none). */
    private static int blobRunEnd(String s, int i) {
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
                j++;
            } else {
                break;
            }
        }
        return j;
    }
}
