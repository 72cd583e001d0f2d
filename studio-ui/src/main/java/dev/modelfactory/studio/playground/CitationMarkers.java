package dev.modelfactory.studio.playground;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the [n] citations in an answer: {@code [1]}, {@code [2][3]} (two markers), {@code [1, 3]} (one marker
 * citing two sources). Numbers outside 1..sources are ignored, and a bracket citing nothing valid is no marker.
 */
public final class CitationMarkers {

    private static final Pattern BRACKET = Pattern.compile("\\[\\s*(\\d{1,4}(?:\\s*,\\s*\\d{1,4})*)\\s*]");

    /**
     * A marker in the text.
     *
     * @param start   index of '['
     * @param end     index after ']'
     * @param numbers the valid source numbers it cites, in the order written
     */
    public record Marker(int start, int end, List<Integer> numbers) {

        public Marker {
            numbers = List.copyOf(numbers);
        }
    }

    private CitationMarkers() {
    }

    /** The markers of {@code text} citing sources 1..{@code sourceCount}, in text order. */
    public static List<Marker> find(String text, int sourceCount) {
        List<Marker> out = new ArrayList<>();
        Matcher m = BRACKET.matcher(text);
        while (m.find()) {
            List<Integer> numbers = new ArrayList<>();
            for (String part : m.group(1).split(",")) {
                int n = Integer.parseInt(part.strip());
                if (n >= 1 && n <= sourceCount && !numbers.contains(n)) {
                    numbers.add(n);
                }
            }
            if (!numbers.isEmpty()) {
                out.add(new Marker(m.start(), m.end(), numbers));
            }
        }
        return out;
    }

    /** The distinct source numbers {@code text} cites, ascending. */
    public static Set<Integer> cited(String text, int sourceCount) {
        Set<Integer> out = new TreeSet<>();
        for (Marker m : find(text, sourceCount)) {
            out.addAll(m.numbers());
        }
        return out;
    }
}
