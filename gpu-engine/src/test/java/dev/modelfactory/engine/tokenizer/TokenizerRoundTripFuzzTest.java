package dev.modelfactory.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Property: with full byte coverage (SPM byte fallback, byte-level BPE), decode(encode(text)) == text for
 * any text, every id is in the vocabulary, and streaming the ids gives the same text.
 */
class TokenizerRoundTripFuzzTest {

    private static final SpmTokenizer SPM = new SpmTokenizer(SpmTokenizerTest.vocab(
            List.of("\u2581", "h", "e", "l", "o", "\u2581h", "ll", "\u2581he", "llo", "\u2581hello", "日本"),
            new float[] {0, 0, 0, 0, 0, -1, -2, -3, -4, -5, -1}), true);
    private static final List<Tokenizer> ALL = List.of(SPM, BpeTokenizerTest.tokenizer(PreTokenizer.GPT2),
            BpeTokenizerTest.tokenizer(PreTokenizer.LLAMA3), BpeTokenizerTest.tokenizer(PreTokenizer.QWEN2));

    @FuzzTest(maxDuration = "2m")
    void roundTrip(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        if (!new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text)) {
            return; // lone surrogates have no UTF-8 form: nothing to round-trip
        }
        for (Tokenizer t : ALL) {
            int[] ids = t.encode(text, false);
            for (int id : ids) {
                assertThat(id).isBetween(0, t.vocabSize() - 1);
            }
            assertThat(t.decode(ids)).isEqualTo(text);
            TokenStreamDecoder stream = new TokenStreamDecoder(t);
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                sb.append(stream.accept(id));
            }
            sb.append(stream.flush());
            assertThat(sb.toString()).isEqualTo(text);
        }
    }
}
