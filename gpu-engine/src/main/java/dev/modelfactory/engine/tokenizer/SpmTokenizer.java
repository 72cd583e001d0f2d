package dev.modelfactory.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * SentencePiece-style BPE over a scored vocabulary, as llama.cpp's SPM tokenizer does it: the text (with
 * a leading space when {@code addSpacePrefix}, spaces written as U+2581) starts as one symbol per
 * character; the adjacent pair whose concatenation is a token with the highest score (leftmost on ties) is
 * merged, repeatedly; leftover symbols that are not tokens fall back to {@code <0xXX>} byte tokens, or
 * the unknown token.
 */
public final class SpmTokenizer extends VocabularyTokenizer {

    private static final char SPACE = '\u2581';

    private final boolean addSpacePrefix;
    private final int[] byteTokens = new int[256];

    public SpmTokenizer(Vocabulary vocab, boolean addSpacePrefix) {
        this(vocab, addSpacePrefix, true);
    }

    /** @param addBos whether prompts start with BOS ({@link #addBosByDefault()}) */
    public SpmTokenizer(Vocabulary vocab, boolean addSpacePrefix, boolean addBos) {
        super(vocab, addBos);
        this.addSpacePrefix = addSpacePrefix;
        for (int b = 0; b < 256; b++) {
            int id = vocab.id(String.format("<0x%02X>", b));
            if (id < 0 && b < 128) {
                id = vocab.id(String.valueOf((char) b));
            }
            byteTokens[b] = id >= 0 ? id : vocab.unk();
        }
    }

    /** A run of the text: [start, end) in chars; prev/next link the live symbols. */
    private static final class Symbol {
        int start;
        int end;
        int prev;
        int next;
    }

    private record Bigram(int left, int right, float score, int length) {
    }

    @Override
    public int[] encode(String text, boolean addBos, boolean parseSpecial) {
        List<Integer> out = new ArrayList<>();
        if (addBos && vocab.bos() >= 0) {
            out.add(vocab.bos());
        }
        boolean prevSpecial = true;
        for (SpecialTokens.Fragment f : SpecialTokens.split(text, vocab, parseSpecial)) {
            if (f.isSpecial()) {
                out.add(f.id());
                prevSpecial = true;
                continue;
            }
            if (f.text().isEmpty()) {
                continue; // llama.cpp adds no lone space for empty text
            }
            String t = addSpacePrefix && prevSpecial ? " " + f.text() : f.text();
            encodeFragment(t.replace(' ', SPACE), out);
            prevSpecial = false;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void encodeFragment(String text, List<Integer> out) {
        if (text.isEmpty()) {
            return;
        }
        List<Symbol> symbols = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            Symbol s = new Symbol();
            s.start = i;
            i += Character.charCount(text.codePointAt(i));
            s.end = i;
            s.prev = symbols.size() - 1;
            s.next = i < text.length() ? symbols.size() + 1 : -1;
            symbols.add(s);
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.score != b.score
                ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
        for (int i = 1; i < symbols.size(); i++) {
            tryBigram(text, symbols, i - 1, i, queue);
        }
        while (!queue.isEmpty()) {
            Bigram g = queue.poll();
            Symbol left = symbols.get(g.left);
            Symbol right = symbols.get(g.right);
            // stale entries: a side was merged away or grew since this pair was queued
            if (left.end == left.start || right.end == right.start
                    || (left.end - left.start) + (right.end - right.start) != g.length) {
                continue;
            }
            left.end = right.end;
            right.end = right.start;
            left.next = right.next;
            if (right.next >= 0) {
                symbols.get(right.next).prev = g.left;
            }
            tryBigram(text, symbols, left.prev, g.left, queue);
            tryBigram(text, symbols, g.left, left.next, queue);
        }
        for (int i = 0; i != -1; i = symbols.get(i).next) {
            Symbol s = symbols.get(i);
            String piece = text.substring(s.start, s.end);
            int id = vocab.id(piece);
            if (id >= 0) {
                out.add(id);
            } else {
                for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                    if (byteTokens[b & 0xFF] >= 0) { // no byte token and no unknown token: the byte is dropped
                        out.add(byteTokens[b & 0xFF]);
                    }
                }
            }
        }
    }

    private void tryBigram(String text, List<Symbol> symbols, int left, int right, PriorityQueue<Bigram> queue) {
        if (left < 0 || right < 0) {
            return;
        }
        Symbol l = symbols.get(left);
        Symbol r = symbols.get(right);
        int id = vocab.id(text.substring(l.start, r.end));
        if (id < 0) {
            return;
        }
        queue.add(new Bigram(left, right, vocab.score(id), r.end - l.start));
    }

    @Override
    public byte[] pieceBytes(int id) {
        vocab.checkId(id);
        return switch (vocab.type(id)) {
            case CONTROL, UNUSED -> new byte[0];
            case BYTE -> byteValue(vocab.token(id));
            case UNKNOWN -> "\u2585".getBytes(StandardCharsets.UTF_8); // llama.cpp's visible unknown mark
            default -> vocab.token(id).replace(SPACE, ' ').getBytes(StandardCharsets.UTF_8);
        };
    }

    /** {@code <0xXX>} to its byte; a BYTE-typed token of another form is taken as text. */
    private static byte[] byteValue(String token) {
        if (token.length() == 6 && token.startsWith("<0x") && token.endsWith(">")) {
            try {
                return new byte[] {(byte) Integer.parseInt(token.substring(3, 5), 16)};
            } catch (NumberFormatException e) {
                // fall through to text
            }
        }
        return token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean first = true;
        for (int id : ids) {
            byte[] b = pieceBytes(id);
            if (b.length == 0) {
                continue;
            }
            // the space the encoder prepended is not part of the text
            int skip = first && addSpacePrefix && b[0] == ' ' ? 1 : 0;
            out.write(b, skip, b.length - skip);
            first = false;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public boolean stripsLeadingSpace() {
        return addSpacePrefix;
    }
}
