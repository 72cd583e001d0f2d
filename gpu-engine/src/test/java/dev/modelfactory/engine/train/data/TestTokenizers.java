package dev.modelfactory.engine.train.data;

import dev.modelfactory.engine.tokenizer.BpeTokenizer;
import dev.modelfactory.engine.tokenizer.PreTokenizer;
import dev.modelfactory.engine.tokenizer.TokenType;
import dev.modelfactory.engine.tokenizer.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A small byte-level BPE with ChatML control tokens: ids 0..255 bytes, then merges, then specials. */
final class TestTokenizers {

    static final List<String> MERGES = List.of("a s", "as s", "ass i", "assi s", "assis t", "assist a",
            "assista n", "assistan t", "u s", "us e", "use r", "h e", "l l", "he ll", "hell o");
    static final List<String> MERGED = List.of("as", "ass", "assi", "assis", "assist", "assista", "assistan",
            "assistant", "us", "use", "user", "he", "ll", "hell", "hello", "<|im_start|>", "<|im_end|>");

    private TestTokenizers() {
    }

    static BpeTokenizer chatMl() {
        List<String> t = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            t.add(byteLevel(b));
        }
        t.addAll(MERGED);
        String[] tokens = t.toArray(String[]::new);
        TokenType[] types = new TokenType[tokens.length];
        java.util.Arrays.fill(types, TokenType.NORMAL);
        int start = 256 + MERGED.indexOf("<|im_start|>");
        int end = 256 + MERGED.indexOf("<|im_end|>");
        types[start] = TokenType.CONTROL;
        types[end] = TokenType.CONTROL;
        Vocabulary v = new Vocabulary(tokens, null, types, -1, end, -1, Set.of());
        return new BpeTokenizer(v, MERGES, PreTokenizer.GPT2, false);
    }

    /** GPT-2's byte-to-unicode map for one byte. */
    private static String byteLevel(int b) {
        if ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)) {
            return new String(Character.toChars(b));
        }
        int n = 0;
        for (int i = 0; i < b; i++) {
            if (!((i >= '!' && i <= '~') || (i >= 0xA1 && i <= 0xAC) || (i >= 0xAE && i <= 0xFF))) {
                n++;
            }
        }
        return new String(Character.toChars(256 + n));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
