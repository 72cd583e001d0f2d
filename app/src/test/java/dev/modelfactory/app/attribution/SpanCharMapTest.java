package dev.modelfactory.app.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpanCharMapTest {

    /** One token per UTF-8 byte (id = byte value), so multi-byte characters are split across tokens. */
    static final Tokenizer BYTES = new Tokenizer() {
        @Override
        public int[] encode(String text, boolean addBos, boolean parseSpecial) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            int[] ids = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                ids[i] = b[i] & 0xFF;
            }
            return ids;
        }

        @Override
        public String decode(int[] ids) {
            byte[] b = new byte[ids.length];
            for (int i = 0; i < ids.length; i++) {
                b[i] = (byte) ids[i];
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] pieceBytes(int id) {
            return new byte[] {(byte) id};
        }

        @Override
        public int bosId() {
            return -1;
        }

        @Override
        public int eosId() {
            return -1;
        }

        @Override
        public int vocabSize() {
            return 256;
        }
    };

    @Test
    void splitCharactersBelongToTheTokenThatCompletesThem() {
        String text = "aé€😀b";
        int[] ids = BYTES.encode(text, false);
        int[] b = SpanCharMap.boundaries(BYTES, ids, text);
        assertThat(b).hasSize(ids.length + 1);
        // a | é (2 bytes) | € (3 bytes) | 😀 (4 bytes, 2 UTF-16 chars) | b
        assertThat(b).containsExactly(0, 1, 1, 2, 2, 2, 3, 3, 3, 3, 5, 6);
        assertThat(text.substring(b[1], b[3])).isEqualTo("é");
        assertThat(text.substring(b[6], b[10])).isEqualTo("😀");
    }

    @Test
    void aNormalisingTokenizerIsAlignedBackToTheOriginal() {
        // decoded text lost a double space and a trailing space: positions carry over to the original
        String original = "ab  cd ";
        String decoded = "ab cd";
        int[] map = SpanCharMap.align(decoded, original);
        assertThat(map).hasSize(decoded.length() + 1);
        assertThat(original.substring(map[0], map[2])).isEqualTo("ab");
        assertThat(original.substring(map[3], map[5])).isEqualTo("cd");
        assertThat(map[5]).isEqualTo(6);
        for (int i = 1; i < map.length; i++) {
            assertThat(map[i]).isGreaterThanOrEqualTo(map[i - 1]);
        }
    }

    @Test
    void identicalTextsMapOneToOne() {
        assertThat(SpanCharMap.align("xyz", "xyz")).containsExactly(0, 1, 2, 3);
    }
}
