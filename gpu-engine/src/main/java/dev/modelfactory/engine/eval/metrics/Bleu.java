package dev.modelfactory.engine.eval.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence BLEU in [0, 1] with one reference, n-grams up to 4, computed as sacreBLEU's
 * {@code sentence_bleu} does: brevity penalty {@code exp(1 - r/c)} when the output is shorter than the
 * reference (0 for an empty output), the 'exp' smoothing of Chen and Cherry (2014, method 3, the
 * NIST/mteval rule: the k-th order with no match gets precision {@code 1 / (2^k * total)}), effective order
 * (orders the output is too short to have are left out of the geometric mean), and 0 when no unigram
 * matches. Tokens are {@link TextNormalizer#bleuTokens} (not sacreBLEU's 13a tokenizer, so scores of text
 * with unusual punctuation differ slightly from sacreBLEU's).
 */
public final class Bleu {

    public static final int MAX_ORDER = 4;

    private Bleu() {
    }

    public static double sentence(String output, String reference) {
        List<String> hyp = TextNormalizer.bleuTokens(output);
        List<String> ref = TextNormalizer.bleuTokens(reference);
        int[] correct = new int[MAX_ORDER];
        int[] total = new int[MAX_ORDER];
        for (int n = 1; n <= MAX_ORDER; n++) {
            Map<List<String>, Integer> refGrams = ngrams(ref, n);
            for (Map.Entry<List<String>, Integer> e : ngrams(hyp, n).entrySet()) {
                correct[n - 1] += Math.min(e.getValue(), refGrams.getOrDefault(e.getKey(), 0));
                total[n - 1] += e.getValue();
            }
        }
        return score(correct, total, hyp.size(), ref.size());
    }

    /** The score from clipped n-gram matches and counts per order and the two lengths (sacreBLEU's rule). */
    static double score(int[] correct, int[] total, int hypLength, int refLength) {
        if (correct[0] == 0) {
            return 0;
        }
        double brevity = hypLength >= refLength ? 1 : Math.exp(1 - (double) refLength / hypLength);
        double smooth = 1;
        double logSum = 0;
        int order = 0;
        for (int n = 0; n < MAX_ORDER && total[n] > 0; n++) {
            double precision;
            if (correct[n] == 0) {
                smooth *= 2;
                precision = 1 / (smooth * total[n]);
            } else {
                precision = (double) correct[n] / total[n];
            }
            logSum += Math.log(precision);
            order = n + 1;
        }
        return brevity * Math.exp(logSum / order);
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> m = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            m.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return m;
    }
}
