package dev.modelfactory.studio.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token-level differences of an output against its reference: the output split into words and punctuation
 * (each keeping the white space before it), and each token marked as kept (part of a longest common
 * subsequence with the reference's tokens) or not. Concatenating the spans' text gives the output back.
 */
public final class TokenDiff {

    /** A run of output text; {@code same} when its tokens occur in the reference (in LCS order). */
    public record Span(String text, boolean same) {
    }

    /** Above this many cells the middle (after trimming the common ends) is marked changed, not aligned. */
    static final long MAX_CELLS = 4_000_000L;

    private static final Pattern TOKEN = Pattern.compile("\\s*(?:\\w+|[^\\w\\s])|\\s+");

    private TokenDiff() {
    }

    /** The output's spans, adjacent tokens of the same kind merged. */
    public static List<Span> diff(String output, String reference) {
        List<String> out = tokens(output);
        List<String> ref = tokens(reference);
        boolean[] same = aligned(out, ref);
        List<Span> spans = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean kind = true;
        for (int i = 0; i < out.size(); i++) {
            if (run.length() > 0 && same[i] != kind) {
                spans.add(new Span(run.toString(), kind));
                run.setLength(0);
            }
            kind = same[i];
            run.append(out.get(i));
        }
        if (run.length() > 0) {
            spans.add(new Span(run.toString(), kind));
        }
        return spans;
    }

    /** The tokens of {@code text}, each with its leading white space; trailing space is its own token. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** For each output token, whether it is in the LCS with the reference (compared without the space). */
    private static boolean[] aligned(List<String> out, List<String> ref) {
        String[] a = out.stream().map(String::strip).toArray(String[]::new);
        String[] b = ref.stream().map(String::strip).toArray(String[]::new);
        boolean[] same = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            same[i] = a[i].isEmpty(); // pure white space is never a difference
        }
        int start = 0;
        while (start < a.length && start < b.length && a[start].equals(b[start])) {
            same[start++] = true;
        }
        int endA = a.length;
        int endB = b.length;
        while (endA > start && endB > start && a[endA - 1].equals(b[endB - 1])) {
            same[--endA] = true;
            endB--;
        }
        int n = endA - start;
        int m = endB - start;
        if (n == 0 || m == 0 || (long) n * m > MAX_CELLS) {
            return same;
        }
        int[][] len = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                len[i][j] = a[start + i].equals(b[start + j]) ? len[i + 1][j + 1] + 1
                        : Math.max(len[i + 1][j], len[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a[start + i].equals(b[start + j])) {
                same[start + i] = true;
                i++;
                j++;
            } else if (len[i + 1][j] >= len[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return same;
    }
}
