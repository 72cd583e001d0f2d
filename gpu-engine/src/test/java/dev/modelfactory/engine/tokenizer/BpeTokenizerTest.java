package dev.modelfactory.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.format.gguf.GgufTestWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Byte-level BPE known answers on a small vocabulary: 256 single byte-level characters, then merges. */
class BpeTokenizerTest {

    static final List<String> MERGES = List.of("h e", "l l", "ll o", "he llo", "Ġ w", "o r", "Ġw or", "l d",
            "Ġwor ld", "Ġ Ġ");
    static final List<String> MERGED = List.of("he", "ll", "llo", "hello", "Ġw", "or", "Ġwor", "ld", "Ġworld", "ĠĠ",
            "<|endoftext|>", "<|im_start|>");

    /** ids 0..255: the byte-level character of byte i; 256..: MERGED in order. */
    static String[] tokens() {
        List<String> t = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            t.add(ByteLevel.encode(new byte[] {(byte) b}));
        }
        t.addAll(MERGED);
        return t.toArray(String[]::new);
    }

    static int id(String merged) {
        return 256 + MERGED.indexOf(merged);
    }

    static BpeTokenizer tokenizer(PreTokenizer pre) {
        String[] tokens = tokens();
        TokenType[] types = new TokenType[tokens.length];
        java.util.Arrays.fill(types, TokenType.NORMAL);
        types[id("<|endoftext|>")] = TokenType.CONTROL;
        types[id("<|im_start|>")] = TokenType.CONTROL;
        Vocabulary v = new Vocabulary(tokens, null, types, id("<|endoftext|>"), id("<|endoftext|>"), -1, Set.of());
        return new BpeTokenizer(v, MERGES, pre, false);
    }

    @Test
    void byteLevelAlphabet() {
        assertThat(ByteLevel.encode(" \n!".getBytes(StandardCharsets.UTF_8))).isEqualTo("ĠĊ!");
        assertThat(ByteLevel.encode(new byte[] {(byte) 0xAD, 0x7F, 0})).isEqualTo("ŃġĀ"); // 0xAD is the 68th non-printable: U+0143
    }

    @Test
    void mergesByRankWithinWords() {
        BpeTokenizer t = tokenizer(PreTokenizer.GPT2);
        assertThat(t.encode("hello world", false)).containsExactly(id("hello"), id("Ġworld"));
        assertThat(t.encode("hellow", false)).containsExactly(id("hello"), 'w');
        // "Ġwor" needs "Ġw" (rank 4) and "or" (rank 5) first; "wor" alone (no Ġ) stays split
        assertThat(t.encode("wor", false)).containsExactly('w', id("or"));
        assertThat(t.decode(t.encode("hello world", false))).isEqualTo("hello world");
    }

    @Test
    void unicodeGoesThroughBytes() {
        BpeTokenizer t = tokenizer(PreTokenizer.LLAMA3);
        int[] ids = t.encode("é", false);
        assertThat(ids).containsExactly(0xC3, 0xA9);
        assertThat(t.decode(ids)).isEqualTo("é");
        assertThat(t.decode(t.encode("日本語 ✓ 123456", false))).isEqualTo("日本語 ✓ 123456");
    }

    @Test
    void specialTokensAndPreTokenizers() {
        BpeTokenizer t = tokenizer(PreTokenizer.QWEN2);
        assertThat(t.encode("<|im_start|>hello", false, true)).containsExactly(id("<|im_start|>"), id("hello"));
        assertThat(t.encode("<|im_start|>", false, false)).hasSizeGreaterThan(1);
        assertThat(t.decode(new int[] {id("<|im_start|>"), id("hello")})).isEqualTo("hello");
        assertThat(PreTokenizer.LLAMA3.split("I'm 12345 ok!!\n\n  x")).containsExactly(
                "I", "'m", " ", "123", "45", " ok", "!!\n\n", " ", " x");
        assertThat(PreTokenizer.QWEN2.split("12")).containsExactly("1", "2");
        assertThat(PreTokenizer.GPT2.split("hello  world")).containsExactly("hello", " ", " world");
    }

    @Test
    void loadsFromGgufMetadata() {
        var f = new GgufTestWriter()
                .string("tokenizer.ggml.model", "gpt2")
                .string("tokenizer.ggml.pre", "qwen2")
                .strings("tokenizer.ggml.tokens", List.of(tokens()))
                .strings("tokenizer.ggml.merges", MERGES)
                .u32("tokenizer.ggml.eos_token_id", id("<|endoftext|>"))
                .parse();
        Tokenizer t = GgufTokenizers.from(f);
        assertThat(t).isInstanceOf(BpeTokenizer.class);
        assertThat(t.encode("hello world", true)).containsExactly(id("hello"), id("Ġworld"));
        assertThat(t.bosId()).isEqualTo(-1);
    }
}
