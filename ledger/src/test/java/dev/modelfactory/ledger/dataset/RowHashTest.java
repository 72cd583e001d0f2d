package dev.modelfactory.ledger.dataset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowHashTest {

    @Test
    void rowHashIsSha256OfTheDocumentedCanonicalBytes() throws Exception {
        Conversation row = new Conversation(List.of(Message.of(Role.USER, "Hi é"),
                new Message(Role.ASSISTANT, "", "bot", "[{\"f\":1}]", null)), null, "[]", List.of("a"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("mf-row/1".getBytes(UTF_8));
        field(expected, 'F', "[]");
        field(expected, 'R', "user");
        field(expected, 'C', "Hi é");
        field(expected, 'R', "assistant");
        field(expected, 'C', "");
        field(expected, 'N', "bot");
        field(expected, 'K', "[{\"f\":1}]");
        String want = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));

        assertThat(RowHash.of(row)).isEqualTo(want);
    }

    @Test
    void tagsAreNotPartOfTheIdentityButEveryCharacterOfContentIs() {
        Conversation a = Conversation.of(List.of(Message.of(Role.USER, "q"), Message.of(Role.ASSISTANT, "a")));
        assertThat(RowHash.of(a.withTags(List.of("x")))).isEqualTo(RowHash.of(a));
        Conversation spaced = Conversation.of(List.of(Message.of(Role.USER, "q "), Message.of(Role.ASSISTANT, "a")));
        assertThat(RowHash.of(spaced)).isNotEqualTo(RowHash.of(a));
        Conversation swapped = Conversation.of(List.of(Message.of(Role.ASSISTANT, "q"), Message.of(Role.USER, "a")));
        assertThat(RowHash.of(swapped)).isNotEqualTo(RowHash.of(a));
        assertThat(RowHash.of(Conversation.ofText("ab"))).isNotEqualTo(
                RowHash.of(Conversation.of(List.of(Message.of(Role.USER, "ab")))));
    }

    @Test
    void normalisedHashIgnoresCaseWhitespaceAndCompatibilityForms() {
        Conversation a = Conversation.of(List.of(Message.of(Role.USER, "Hello   World\n"), Message.of(Role.ASSISTANT, "ﬁne")));
        Conversation b = Conversation.of(List.of(Message.of(Role.USER, " hello world"), Message.of(Role.ASSISTANT, "FINE")));
        assertThat(RowHash.normalised(a)).isEqualTo(RowHash.normalised(b));
        assertThat(RowHash.of(a)).isNotEqualTo(RowHash.of(b));
        assertThat(RowHash.normaliseText("  A\t\u00a0B\r\nC  ")).isEqualTo("a b c");
        Conversation roles = Conversation.of(List.of(Message.of(Role.ASSISTANT, "hello world"), Message.of(Role.ASSISTANT, "fine")));
        assertThat(RowHash.normalised(roles)).isNotEqualTo(RowHash.normalised(a));
    }

    @Test
    void payloadJsonRoundTripsEveryField() {
        Conversation row = new Conversation(List.of(Message.of(Role.SYSTEM, "s"),
                new Message(Role.TOOL, "42", "calc", null, "call_1"),
                new Message(Role.ASSISTANT, "", null, "[{\"id\":\"call_1\"}]", null)), "raw \"text\"\n", "[{}]",
                List.of("t"));
        Conversation back = RowJson.read(RowJson.write(row), row.tags());
        assertThat(back).isEqualTo(row);
        assertThat(RowHash.of(back)).isEqualTo(RowHash.of(row));
    }

    @Test
    void theAsciiPassOfNormaliseTextAgreesWithTheGeneralDefinition() {
        // Stored duplicate keys depend on this function: the ASCII pass must give exactly what the
        // general (NFKC + lowercase + whitespace) path gives, on every kind of ASCII input.
        java.util.Random random = new java.util.Random(7);
        String alphabet = "aZ q\t\n\r\u000B\f\u001C\u001F  .,!Ab0_~\u0000\u007F";
        for (int round = 0; round < 20_000; round++) {
            int length = random.nextInt(24);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                sb.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x80) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertThat(RowHash.normaliseText(s)).as("normaliseText(%s)", s.chars().boxed().toList())
                    .isEqualTo(RowHash.normaliseGeneral(s));
        }
        assertThat(RowHash.normaliseText("  Hello \t\n World  ")).isEqualTo("hello world");
        assertThat(RowHash.normaliseText("")).isEmpty();
        assertThat(RowHash.normaliseText(" \t ")).isEmpty();
        // A non-ASCII character anywhere takes the general path for the whole string.
        assertThat(RowHash.normaliseText("ABC \uFF21\u00C9  x")).isEqualTo("abc a\u00e9 x");
    }

    @Test
    void normalisedHashIsSha256OfTheDocumentedStringForAsciiAndOtherText() throws Exception {
        List<Conversation> rows = List.of(
                Conversation.of(List.of(new Message(Role.USER, "  What IS\tthis? ", null, null, null),
                        new Message(Role.ASSISTANT, "A\u00C9 \uFF21  test", null, null, null))),
                Conversation.ofText("Plain   TEXT row"));
        for (Conversation row : rows) {
            StringBuilder sb = new StringBuilder();
            if (row.text() != null) {
                sb.append(RowHash.normaliseGeneral(row.text()));
            }
            for (Message m : row.messages()) {
                sb.append('\n').append(m.role().wire()).append(':').append(RowHash.normaliseGeneral(m.content()));
            }
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(UTF_8)));
            assertThat(RowHash.normalised(row)).isEqualTo(expected);
        }
    }

    private static void field(ByteArrayOutputStream out, char tag, String value) {
        byte[] b = value.getBytes(UTF_8);
        out.write(tag);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }
}
