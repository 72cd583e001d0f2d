package dev.modelfactory.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Byte-level BPE (GPT-2 style, as GGUF {@code tokenizer.ggml.model = gpt2}): the text is split into words
 * by the {@link PreTokenizer}, each word's UTF-8 bytes are written in the {@link ByteLevel} alphabet, and
 * adjacent symbols are merged by merge rank (lowest first, leftmost on ties) until no listed merge applies.
 * Symbols that are still not tokens fall back to single-byte tokens.
 */
public final class BpeTokenizer extends VocabularyTokenizer {

    private final Map<String, Integer> ranks;
    private final PreTokenizer preTokenizer;

    /**
     * @param merges "left right" strings in priority order (as {@code tokenizer.ggml.merges})
     * @param addBos whether prompts for this model start with BOS ({@link #addBosByDefault()}; Qwen2: no)
     */
    public BpeTokenizer(Vocabulary vocab, List<String> merges, PreTokenizer preTokenizer, boolean addBos) {
        super(vocab, addBos);
        this.preTokenizer = preTokenizer;
        this.ranks = new HashMap<>(merges.size() * 2);
        for (int i = 0; i < merges.size(); i++) {
            ranks.putIfAbsent(merges.get(i), i);
        }
    }

    private record Pair(int left, int right, int rank) {
    }

    @Override
    public int[] encode(String text, boolean addBos, boolean parseSpecial) {
        List<Integer> out = new ArrayList<>();
        if (addBos && vocab.bos() >= 0) {
            out.add(vocab.bos());
        }
        for (SpecialTokens.Fragment f : SpecialTokens.split(text, vocab, parseSpecial)) {
            if (f.isSpecial()) {
                out.add(f.id());
                continue;
            }
            for (String word : preTokenizer.split(f.text())) {
                encodeWord(ByteLevel.encode(word.getBytes(StandardCharsets.UTF_8)), out);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void encodeWord(String word, List<Integer> out) {
        if (preTokenizer.ignoreMerges()) {
            int whole = vocab.id(word);
            if (whole >= 0) {
                out.add(whole);
                return;
            }
        }
        // symbols as [start, end) char ranges linked by prev/next; end == start marks a merged-away symbol
        int n = word.length();
        int[] start = new int[n];
        int[] end = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            start[i] = i;
            end[i] = i + 1;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Pair> queue = new PriorityQueue<>((a, b) -> a.rank != b.rank
                ? Integer.compare(a.rank, b.rank) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) {
            addPair(word, start, end, i - 1, i, queue);
        }
        while (!queue.isEmpty()) {
            Pair p = queue.poll();
            int l = p.left;
            int r = p.right;
            if (end[l] == start[l] || end[r] == start[r] || next[l] != r) {
                continue; // stale
            }
            end[l] = end[r];
            end[r] = start[r];
            next[l] = next[r];
            if (next[r] >= 0) {
                prev[next[r]] = l;
            }
            if (prev[l] >= 0) {
                addPair(word, start, end, prev[l], l, queue);
            }
            if (next[l] >= 0) {
                addPair(word, start, end, l, next[l], queue);
            }
        }
        for (int i = 0; i != -1; i = next[i]) {
            String piece = word.substring(start[i], end[i]);
            int id = vocab.id(piece);
            if (id >= 0) {
                out.add(id);
            } else {
                for (int c = 0; c < piece.length(); c++) {
                    int single = vocab.id(String.valueOf(piece.charAt(c)));
                    out.add(single >= 0 ? single : vocab.unk());
                }
            }
        }
        out.removeIf(id -> id < 0);
    }

    private void addPair(String word, int[] start, int[] end, int l, int r, PriorityQueue<Pair> queue) {
        Integer rank = ranks.get(word.substring(start[l], end[l]) + " " + word.substring(start[r], end[r]));
        if (rank != null) {
            queue.add(new Pair(l, r, rank));
        }
    }

    @Override
    public byte[] pieceBytes(int id) {
        vocab.checkId(id);
        return switch (vocab.type(id)) {
            case CONTROL, UNUSED -> new byte[0];
            case USER_DEFINED -> vocab.token(id).getBytes(StandardCharsets.UTF_8);
            default -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteLevel.decode(vocab.token(id), out);
                yield out.toByteArray();
            }
        };
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            out.writeBytes(pieceBytes(id));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
