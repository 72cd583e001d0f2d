package dev.modelfactory.studio.datasets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which words differ between the rows of a near-duplicate cluster shown side by side: a word of one row is
 * marked when at least one other row lacks it (compared case-insensitively, ignoring punctuation around it).
 * Each text is cut into words and the whitespace between them, so the pieces join back to the text.
 */
final class WordDiff {

    private static final Pattern PIECES = Pattern.compile("\\S+|\\s+");

    /** A piece of a text: a word (marked or not) or whitespace (never marked). */
    record Piece(String text, boolean differs) {
    }

    private WordDiff() {
    }

    /** Each text as pieces, in the order given. */
    static List<List<Piece>> mark(List<String> texts) {
        List<Set<String>> words = new ArrayList<>();
        for (String t : texts) {
            Set<String> set = new HashSet<>();
            for (String piece : pieces(t)) {
                String key = key(piece);
                if (!key.isEmpty()) {
                    set.add(key);
                }
            }
            words.add(set);
        }
        List<List<Piece>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            List<Piece> marked = new ArrayList<>();
            for (String piece : pieces(texts.get(i))) {
                String key = key(piece);
                boolean differs = false;
                for (int j = 0; j < texts.size() && !key.isEmpty() && !differs; j++) {
                    differs = j != i && !words.get(j).contains(key);
                }
                marked.add(new Piece(piece, differs));
            }
            out.add(marked);
        }
        return out;
    }

    private static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PIECES.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The comparison key of a piece: lowercase letters and digits ("" for whitespace or punctuation only). */
    static String key(String piece) {
        StringBuilder b = new StringBuilder(piece.length());
        piece.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
