package dev.modelfactory.engine.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Token strings with their scores and types, plus the special ids. Token text is as stored: SentencePiece
 * pieces use U+2581 for spaces, byte-level BPE pieces use the GPT-2 byte-to-unicode alphabet.
 */
public final class Vocabulary {

    private final String[] tokens;
    private final float[] scores;
    private final TokenType[] types;
    private final Map<String, Integer> ids;
    private final int bos;
    private final int eos;
    private final int unk;
    private final Set<Integer> endOfGeneration;
    private final List<Integer> specialsLongestFirst;

    /**
     * @param scores per-token scores (null: all 0)
     * @param types  per-token types (null: inferred, {@code <0xXX>} as BYTE, everything else NORMAL)
     * @param bos    BOS id or -1; likewise {@code eos}, {@code unk} (-1: the first UNKNOWN-typed token, if any)
     * @param extraEnds further ids that end generation (e.g. end-of-turn)
     */
    public Vocabulary(String[] tokens, float[] scores, TokenType[] types, int bos, int eos, int unk,
                      Set<Integer> extraEnds) {
        int n = tokens.length;
        if (scores != null && scores.length != n) {
            throw new IllegalArgumentException(scores.length + " scores for " + n + " tokens");
        }
        if (types != null && types.length != n) {
            throw new IllegalArgumentException(types.length + " token types for " + n + " tokens");
        }
        for (int id : new int[] {bos, eos, unk}) {
            if (id < -1 || id >= n) {
                throw new IllegalArgumentException("special token id " + id + " outside the vocabulary of " + n);
            }
        }
        this.tokens = tokens.clone();
        this.scores = scores == null ? new float[n] : scores.clone();
        this.types = types == null ? inferTypes(tokens) : types.clone();
        this.ids = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            ids.put(tokens[i], i); // duplicates: the last wins, as in llama.cpp's token_to_id
        }
        this.bos = bos;
        this.eos = eos;
        this.unk = unk >= 0 ? unk : firstOfType(this.types, TokenType.UNKNOWN);
        java.util.HashSet<Integer> ends = new java.util.HashSet<>(extraEnds);
        if (eos >= 0) {
            ends.add(eos);
        }
        ends.removeIf(i -> i < 0 || i >= n);
        this.endOfGeneration = Set.copyOf(ends);
        List<Integer> specials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (this.types[i].isSpecial() && !tokens[i].isEmpty()) {
                specials.add(i);
            }
        }
        specials.sort(Comparator.comparingInt((Integer i) -> -tokens[i].length()).thenComparingInt(i -> i));
        this.specialsLongestFirst = List.copyOf(specials);
    }

    private static int firstOfType(TokenType[] types, TokenType type) {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == type) {
                return i;
            }
        }
        return -1;
    }

    private static TokenType[] inferTypes(String[] tokens) {
        TokenType[] t = new TokenType[tokens.length];
        Arrays.fill(t, TokenType.NORMAL);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].matches("<0x[0-9A-Fa-f]{2}>")) {
                t[i] = TokenType.BYTE;
            }
        }
        return t;
    }

    public int size() {
        return tokens.length;
    }

    public String token(int id) {
        return tokens[id];
    }

    public float score(int id) {
        return scores[id];
    }

    public TokenType type(int id) {
        return types[id];
    }

    /** The id of an exact token string, or -1. */
    public int id(String token) {
        Integer i = ids.get(token);
        return i == null ? -1 : i;
    }

    public int bos() {
        return bos;
    }

    public int eos() {
        return eos;
    }

    public int unk() {
        return unk;
    }

    public boolean isEndOfGeneration(int id) {
        return endOfGeneration.contains(id);
    }

    /** CONTROL and USER_DEFINED ids, longest text first (for greedy matching in text). */
    public List<Integer> specialsLongestFirst() {
        return specialsLongestFirst;
    }

    public void checkId(int id) {
        if (id < 0 || id >= tokens.length) {
            throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + tokens.length);
        }
    }
}
