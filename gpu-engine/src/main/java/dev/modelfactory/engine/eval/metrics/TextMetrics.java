package dev.modelfactory.engine.eval.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Text-overlap metrics of one output against one reference, each in [0, 1].
 *
 * <ul>
 * <li>exact match: the stripped strings are equal;</li>
 * <li>normalised exact match: the SQuAD-normalised strings are equal;</li>
 * <li>contains: the normalised reference occurs in the normalised output (an empty reference is contained
 * in anything);</li>
 * <li>token F1: SQuAD's bag-of-tokens F1 over normalised tokens; when either side has no tokens, 1 if both
 * are empty else 0 (SQuAD v2.0's rule);</li>
 * <li>ROUGE-L: F-measure (beta 1) of the longest common token subsequence, rouge-score tokens; 0 when the
 * subsequence is empty.</li>
 * </ul>
 */
public final class TextMetrics {

    private TextMetrics() {
    }

    public static double exactMatch(String output, String reference) {
        return output.strip().equals(reference.strip()) ? 1 : 0;
    }

    public static double normalizedExactMatch(String output, String reference) {
        return TextNormalizer.squad(output).equals(TextNormalizer.squad(reference)) ? 1 : 0;
    }

    public static double contains(String output, String reference) {
        return TextNormalizer.squad(output).contains(TextNormalizer.squad(reference)) ? 1 : 0;
    }

    public static double tokenF1(String output, String reference) {
        List<String> pred = TextNormalizer.squadTokens(output);
        List<String> gold = TextNormalizer.squadTokens(reference);
        if (pred.isEmpty() || gold.isEmpty()) {
            return pred.isEmpty() && gold.isEmpty() ? 1 : 0;
        }
        Map<String, Integer> goldCounts = counts(gold);
        int same = 0;
        for (String t : pred) {
            Integer c = goldCounts.get(t);
            if (c != null && c > 0) {
                same++;
                goldCounts.put(t, c - 1);
            }
        }
        if (same == 0) {
            return 0;
        }
        double precision = (double) same / pred.size();
        double recall = (double) same / gold.size();
        return 2 * precision * recall / (precision + recall);
    }

    public static double rougeL(String output, String reference) {
        List<String> pred = TextNormalizer.rougeTokens(output);
        List<String> gold = TextNormalizer.rougeTokens(reference);
        int lcs = lcsLength(pred, gold);
        if (lcs == 0) {
            return 0;
        }
        double precision = (double) lcs / pred.size();
        double recall = (double) lcs / gold.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** Length of the longest common subsequence (two-row dynamic programme). */
    static int lcsLength(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    static Map<String, Integer> counts(List<String> tokens) {
        Map<String, Integer> m = new HashMap<>();
        for (String t : tokens) {
            m.merge(t, 1, Integer::sum);
        }
        return m;
    }
}
