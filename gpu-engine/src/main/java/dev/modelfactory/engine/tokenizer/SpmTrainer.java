package dev.modelfactory.engine.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns a SentencePiece-style vocabulary for {@link SpmTokenizer} from a corpus, by byte-pair merges over
 * words (a word is a run of text starting at a U+2581 space mark, as {@link SpmTokenizer} sees text).
 *
 * <p>Layout of the result: {@code <unk> <s> </s>}, the 256 byte tokens {@code <0x00>..<0xFF>} (so any
 * text round-trips), the given control tokens (chat markers such as {@code <|im_end|>}), the characters
 * seen at least {@code minCharCount} times, then one piece per merge. A merged piece's score is minus its
 * merge rank, so the tokenizer's highest-score-first merging replays the merges in the order learnt.
 * Ties between equally frequent pairs break by the pair's text, so the same corpus always gives the same
 * vocabulary.
 */
public final class SpmTrainer {

    private static final char SPACE = '\u2581';
    private static final int FIXED = 3 + 256;

    private final int vocabSize;
    private final List<String> controlTokens;
    private final int minCharCount;
    private final Map<String, Long> words = new HashMap<>();
    private boolean splitDigits;
    private boolean splitPunctuation;

    /**
     * @param vocabSize     the exact size of the vocabulary to learn
     * @param controlTokens special tokens (never split, never learnt from text), e.g. chat markers
     * @param minCharCount  rarer characters are left to byte fallback
     */
    public SpmTrainer(int vocabSize, List<String> controlTokens, int minCharCount) {
        this.controlTokens = List.copyOf(controlTokens);
        if (vocabSize <= FIXED + this.controlTokens.size()) {
            throw new IllegalArgumentException("vocabSize: needs more than " + (FIXED + this.controlTokens.size())
                    + " tokens (fixed tokens and control tokens), got " + vocabSize);
        }
        if (minCharCount < 1) {
            throw new IllegalArgumentException("minCharCount: must be >= 1, got " + minCharCount);
        }
        this.vocabSize = vocabSize;
        this.minCharCount = minCharCount;
    }

    /**
     * Never merges a digit with anything: numbers are encoded one digit per token (as Llama's and
     * SentencePiece's {@code split_digits} do), so a model can learn arithmetic-like skills digit by digit.
     */
    public SpmTrainer splitDigits() {
        this.splitDigits = true;
        return this;
    }

    /**
     * Never merges letters with punctuation (as SentencePiece's script splitting does): "kitchen." is
     * "kitchen" + "." and a JSON value is its own token, so a word is the same token wherever it stands.
     */
    public SpmTrainer splitPunctuation() {
        this.splitPunctuation = true;
        return this;
    }

    /** Counts the words of one text of the corpus (control tokens in it are cut out, not learnt). */
    public SpmTrainer add(String text) {
        Objects.requireNonNull(text, "text");
        String rest = text;
        for (String control : controlTokens) {
            rest = rest.replace(control, "\n");
        }
        for (String part : rest.split("\n")) {
            if (part.isEmpty()) {
                continue;
            }
            String marked = (" " + part).replace(' ', SPACE);
            int start = 0;
            for (int i = 1; i <= marked.length(); i++) {
                if (i == marked.length() || marked.charAt(i) == SPACE) {
                    if (i > start) {
                        words.merge(marked.substring(start, i), 1L, Long::sum);
                    }
                    start = i;
                }
            }
        }
        return this;
    }

    /**
     * The learnt vocabulary: BOS 1, EOS 2, unknown 0; {@code endOfTurn} (one of the control tokens, or
     * null) also ends generation.
     */
    public Vocabulary train(String endOfTurn) {
        if (endOfTurn != null && !controlTokens.contains(endOfTurn)) {
            throw new IllegalArgumentException("endOfTurn: '" + endOfTurn + "' is not one of the control tokens");
        }
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
        }
        tokens.addAll(controlTokens);
        int firstPiece = tokens.size();
        Set<String> pieces = new LinkedHashSet<>(baseCharacters());
        int room = vocabSize - firstPiece;
        if (pieces.size() > room) {
            throw new IllegalArgumentException("vocabSize: " + vocabSize + " leaves room for " + room
                    + " pieces, but the corpus has " + pieces.size() + " frequent characters; raise vocabSize or minCharCount");
        }
        List<List<String>> split = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Map.Entry<String, Long> w : new TreeMap<>(words).entrySet()) {
            List<String> symbols = new ArrayList<>();
            w.getKey().codePoints().forEach(cp -> symbols.add(Character.toString(cp)));
            split.add(symbols);
            counts.add(w.getValue());
        }
        List<String> merges = new ArrayList<>();
        Set<String> mergedSet = new java.util.HashSet<>(pieces);
        while (pieces.size() + merges.size() < room) {
            String[] best = mostFrequentPair(split, counts, pieces, splitDigits, splitPunctuation);
            if (best == null) {
                break; // every word is one piece already
            }
            String merged = best[0] + best[1];
            if (mergedSet.add(merged)) {
                merges.add(merged); // else the same text came from another split: one token serves both
            }
            for (List<String> symbols : split) {
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    if (symbols.get(i).equals(best[0]) && symbols.get(i + 1).equals(best[1])) {
                        symbols.set(i, merged);
                        symbols.remove(i + 1);
                    }
                }
            }
        }
        tokens.addAll(pieces);
        tokens.addAll(merges);
        // Pad with unused entries when the corpus ran out of pairs, so the size is exactly what was asked.
        for (int i = 0; tokens.size() < vocabSize; i++) {
            tokens.add("<unused" + i + ">");
        }
        int n = tokens.size();
        float[] scores = new float[n];
        TokenType[] types = new TokenType[n];
        for (int i = 0; i < n; i++) {
            types[i] = TokenType.NORMAL;
        }
        types[0] = TokenType.UNKNOWN;
        types[1] = TokenType.CONTROL;
        types[2] = TokenType.CONTROL;
        for (int i = 3; i < FIXED; i++) {
            types[i] = TokenType.BYTE;
        }
        for (int i = FIXED; i < firstPiece; i++) {
            types[i] = TokenType.CONTROL;
        }
        int firstMerge = firstPiece + pieces.size();
        for (int i = firstMerge; i < n; i++) {
            boolean unused = i >= firstMerge + merges.size();
            scores[i] = unused ? -1e9f : -(i - firstMerge + 1);
            if (unused) {
                types[i] = TokenType.UNUSED;
            }
        }
        Set<Integer> ends = endOfTurn == null ? Set.of() : Set.of(tokens.indexOf(endOfTurn));
        return new Vocabulary(tokens.toArray(String[]::new), scores, types, 1, 2, 0, ends);
    }

    private List<String> baseCharacters() {
        Map<String, Long> chars = new TreeMap<>();
        words.forEach((w, c) -> w.codePoints().forEach(cp -> chars.merge(Character.toString(cp), c, Long::sum)));
        List<String> out = new ArrayList<>();
        chars.forEach((ch, c) -> {
            if (c >= minCharCount) {
                out.add(ch);
            }
        });
        return out;
    }

    /** The most frequent adjacent pair of known pieces, ties broken by text; null if there is none. */
    private static String[] mostFrequentPair(List<List<String>> split, List<Long> counts, Set<String> pieces,
            boolean splitDigits, boolean splitPunctuation) {
        Map<String, Long> pairCounts = new HashMap<>();
        Map<String, String[]> pairs = new HashMap<>();
        for (int w = 0; w < split.size(); w++) {
            List<String> symbols = split.get(w);
            for (int i = 0; i + 1 < symbols.size(); i++) {
                String a = symbols.get(i);
                String b = symbols.get(i + 1);
                if (!known(a, pieces) || !known(b, pieces)) {
                    continue; // a byte-fallback character never joins a piece
                }
                if (splitDigits && (hasDigit(a) || hasDigit(b))) {
                    continue;
                }
                if (splitPunctuation && !sameScript(a, b)) {
                    continue;
                }
                String key = a + '\u0000' + b;
                pairCounts.merge(key, counts.get(w), Long::sum);
                pairs.putIfAbsent(key, new String[] {a, b});
            }
        }
        String bestKey = null;
        long bestCount = 0;
        for (Map.Entry<String, Long> e : pairCounts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey().compareTo(bestKey) < 0)) {
                bestKey = e.getKey();
                bestCount = e.getValue();
            }
        }
        return bestKey == null ? null : pairs.get(bestKey);
    }

    /** Letters-only with letters-only, other-only with other-only; a bare space mark joins either. */
    private static boolean sameScript(String a, String b) {
        int ka = script(a);
        return ka == 0 || ka == script(b);
    }

    /** 0: only space marks, 1: letters, 2: no letters, 3: both. */
    private static int script(String piece) {
        int kind = 0;
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c != SPACE) {
                kind |= Character.isLetter(c) ? 1 : 2;
            }
        }
        return kind;
    }

    private static boolean hasDigit(String symbol) {
        return symbol.chars().anyMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean known(String symbol, Set<String> pieces) {
        return symbol.codePointCount(0, symbol.length()) > 1 || pieces.contains(symbol);
    }
}
