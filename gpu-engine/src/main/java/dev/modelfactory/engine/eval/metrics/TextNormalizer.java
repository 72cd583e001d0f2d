package dev.modelfactory.engine.eval.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text normalisation and tokenisation shared by the text metrics.
 *
 * <p>{@link #squad} is the SQuAD v1.1/v2.0 evaluation script's {@code normalize_answer}: lower case, drop
 * ASCII punctuation ({@code string.punctuation}), replace the articles a/an/the (whole words) by a space,
 * collapse whitespace. {@link #rougeTokens} follows the rouge-score package's default tokenizer (lower case,
 * every run of characters that are not letters or digits separates tokens; Unicode letters and digits are
 * kept where rouge-score keeps only ASCII). {@link #bleuTokens} splits words and single punctuation marks.
 */
public final class TextNormalizer {

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern BLEU_TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");

    private TextNormalizer() {
    }

    /** SQuAD's {@code normalize_answer}. */
    public static String squad(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        StringBuilder noPunct = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                noPunct.append(c);
            }
        }
        String noArticles = ARTICLES.matcher(noPunct).replaceAll(" ");
        return String.join(" ", whitespaceSplit(noArticles));
    }

    /** Tokens of the SQuAD-normalised text (what token F1 counts). */
    public static List<String> squadTokens(String text) {
        return whitespaceSplit(squad(text));
    }

    /** rouge-score's default tokens: lower case, split on anything that is not a letter or digit. */
    public static List<String> rougeTokens(String text) {
        return whitespaceSplit(NOT_ALNUM.matcher(text.toLowerCase(java.util.Locale.ROOT)).replaceAll(" "));
    }

    /** BLEU tokens: runs of letters/digits and single punctuation marks, case kept. */
    public static List<String> bleuTokens(String text) {
        return BLEU_TOKEN.matcher(text).results().map(java.util.regex.MatchResult::group).toList();
    }

    /** Python's {@code str.split()}: split on whitespace runs, no empty tokens. */
    static List<String> whitespaceSplit(CharSequence text) {
        String s = text.toString().strip();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }
}
