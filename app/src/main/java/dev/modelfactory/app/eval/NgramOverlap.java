package dev.modelfactory.app.eval;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Word n-gram overlap (n = 1..3) between two texts: the Dice coefficient of their n-gram sets,
 * {@code 2 |A ∩ B| / (|A| + |B|)}, in [0, 1]; 1 when both have the same n-grams, 0 when they share no word.
 * Words are lower-cased runs of letters and digits.
 */
final class NgramOverlap {

    private NgramOverlap() {
    }

    static Set<String> grams(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        java.util.List<String> w = java.util.Arrays.stream(words).filter(s -> !s.isEmpty()).toList();
        Set<String> out = new HashSet<>();
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i + n <= w.size(); i++) {
                out.add(String.join(" ", w.subList(i, i + n)));
            }
        }
        return out;
    }

    static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int common = 0;
        for (String g : small) {
            if (large.contains(g)) {
                common++;
            }
        }
        return 2.0 * common / (a.size() + b.size());
    }
}
