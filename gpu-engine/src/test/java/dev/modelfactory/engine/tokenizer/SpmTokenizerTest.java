package dev.modelfactory.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.format.gguf.GgufTestWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Known answers on small hand-made vocabularies, worked out from llama.cpp's SPM merge rule. */
class SpmTokenizerTest {

    /** ids: 0 <unk>, 1 <s>, 2 </s>, 3..258 <0x00>..<0xFF>, then the given pieces from 259. */
    static Vocabulary vocab(List<String> pieces, float[] pieceScores) {
        List<String> t = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            t.add(String.format("<0x%02X>", b));
        }
        t.addAll(pieces);
        float[] scores = new float[t.size()];
        System.arraycopy(pieceScores, 0, scores, 259, pieceScores.length);
        TokenType[] types = new TokenType[t.size()];
        Arrays.fill(types, TokenType.NORMAL);
        types[0] = TokenType.UNKNOWN;
        types[1] = TokenType.CONTROL;
        types[2] = TokenType.CONTROL;
        Arrays.fill(types, 3, 259, TokenType.BYTE);
        return new Vocabulary(t.toArray(String[]::new), scores, types, 1, 2, 0, Set.of());
    }

    @Test
    void mergesTheHighestScoringPairFirst() {
        // a=259 b=260 c=261 ab=262 bc=263
        SpmTokenizer bcWins = new SpmTokenizer(vocab(List.of("a", "b", "c", "ab", "bc"),
                new float[] {0, 0, 0, -5, -1}), false);
        assertThat(bcWins.encode("abc", false)).containsExactly(259, 263);
        SpmTokenizer abWins = new SpmTokenizer(vocab(List.of("a", "b", "c", "ab", "bc"),
                new float[] {0, 0, 0, -1, -5}), false);
        assertThat(abWins.encode("abc", false)).containsExactly(262, 261);
        SpmTokenizer tie = new SpmTokenizer(vocab(List.of("a", "b", "c", "ab", "bc"),
                new float[] {0, 0, 0, -2, -2}), false);
        assertThat(tie.encode("abc", false)).containsExactly(262, 261); // leftmost pair on ties
    }

    @Test
    void mergesCascadeIntoLongerPieces() {
        // ▁=259 h=260 e=261 l=262 o=263 ▁h=264 ll=265 ▁he=266 llo=267 ▁hello=268
        SpmTokenizer t = new SpmTokenizer(vocab(List.of("\u2581", "h", "e", "l", "o", "\u2581h", "ll", "\u2581he",
                "llo", "\u2581hello"), new float[] {0, 0, 0, 0, 0, -1, -2, -3, -4, -5}), true);
        assertThat(t.encode("hello", true)).containsExactly(1, 268);
        assertThat(t.encode("hello hello", false)).containsExactly(268, 268);
        assertThat(t.decode(new int[] {1, 268, 268, 2})).isEqualTo("hello hello");
        assertThat(t.encode("", true)).containsExactly(1);
    }

    @Test
    void fallsBackToBytesThenUnknown() {
        SpmTokenizer t = new SpmTokenizer(vocab(List.of("a"), new float[] {0}), false);
        // é = C3 A9, not a piece: two byte tokens 3 + 0xC3, 3 + 0xA9
        assertThat(t.encode("aé", false)).containsExactly(259, 3 + 0xC3, 3 + 0xA9);
        assertThat(t.decode(new int[] {259, 3 + 0xC3, 3 + 0xA9})).isEqualTo("aé");

        Vocabulary noBytes = new Vocabulary(new String[] {"<unk>", "a"}, null, null, -1, -1, 0, Set.of());
        assertThat(new SpmTokenizer(noBytes, false).encode("ab", false)).containsExactly(1, 0);
    }

    @Test
    void specialTokensOnlyWhenAsked() {
        SpmTokenizer t = new SpmTokenizer(vocab(List.of("a", "<", ">", "s", "/"), new float[5]), false);
        assertThat(t.encode("a</s>", false, true)).containsExactly(259, 2);
        assertThat(t.encode("a</s>", false, false)).containsExactly(259, 260, 263, 262, 261);
        assertThat(t.decode(new int[] {259, 2})).isEqualTo("a");
    }

    @Test
    void userDefinedTokensAreAlwaysMatchedControlOnlyOnRequest() {
        String[] tokens = {"<unk>", "<s>", "</s>", "a", "<tool>", "<ctl>"};
        TokenType[] types = {TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL, TokenType.NORMAL,
            TokenType.USER_DEFINED, TokenType.CONTROL};
        SpmTokenizer t = new SpmTokenizer(new Vocabulary(tokens, null, types, 1, 2, 0, Set.of()), false, false);
        assertThat(t.encode("a<tool>a", false)).containsExactly(3, 4, 3);
        assertThat(t.encode("<ctl>", false, true)).containsExactly(5);
        assertThat(t.encode("<ctl>", false, false)).doesNotContain(5);
        assertThat(t.decode(new int[] {3, 4, 5})).isEqualTo("a<tool>");
        assertThat(t.addBosByDefault()).isFalse();
    }

    @Test
    void streamsMultiByteCharactersWhole() {
        SpmTokenizer t = new SpmTokenizer(vocab(List.of("a"), new float[] {0}), false);
        int[] ids = t.encode("a日", false); // 日 = E6 97 A5
        TokenStreamDecoder d = new TokenStreamDecoder(t);
        StringBuilder seen = new StringBuilder();
        List<String> steps = new ArrayList<>();
        for (int id : ids) {
            String s = d.accept(id);
            steps.add(s);
            seen.append(s);
        }
        seen.append(d.flush());
        assertThat(steps).containsExactly("a", "", "", "日");
        assertThat(seen.toString()).isEqualTo("a日");
    }

    @Test
    void prefixSpaceIsDroppedOnlyAtTheStartOfText() {
        SpmTokenizer t = new SpmTokenizer(vocab(List.of("\u2581a", "\u2581b"), new float[2]), true);
        int[] ids = t.encode("a b", false);
        assertThat(ids).containsExactly(259, 260);
        TokenStreamDecoder start = new TokenStreamDecoder(t);
        assertThat(start.accept(ids[0]) + start.accept(ids[1])).isEqualTo("a b");
        TokenStreamDecoder more = TokenStreamDecoder.continuation(t);
        assertThat(more.accept(ids[0]) + more.accept(ids[1])).isEqualTo(" a b");
    }

    @Test
    void loadsFromGgufMetadata() {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "\u2581a", "b", "\u2581ab"));
        GgufFile f = new GgufTestWriter()
                .string("tokenizer.ggml.model", "llama")
                .strings("tokenizer.ggml.tokens", tokens)
                .floats("tokenizer.ggml.scores", new float[] {0, 0, 0, -1, -1, -0.5f})
                .ints("tokenizer.ggml.token_type", new int[] {2, 3, 3, 1, 1, 1})
                .u32("tokenizer.ggml.bos_token_id", 1)
                .u32("tokenizer.ggml.eos_token_id", 2)
                .u32("tokenizer.ggml.unknown_token_id", 0)
                .u32("tokenizer.ggml.padding_token_id", 0xFFFFFFFFL)
                .parse();
        Tokenizer t = GgufTokenizers.from(f);
        assertThat(t).isInstanceOf(SpmTokenizer.class);
        assertThat(t.encode("ab", true)).containsExactly(1, 5);
        assertThat(t.bosId()).isEqualTo(1);
        assertThat(t.eosId()).isEqualTo(2);
        assertThat(t.vocabSize()).isEqualTo(6);
        assertThat(t.isEndOfGeneration(2)).isTrue();
        assertThat(t.decode(t.encode("ab", true))).isEqualTo("ab");
    }
}
