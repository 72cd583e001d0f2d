package dev.modelfactory.ledger.dataset.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextChecksTest {

    private static Conversation qa(String q, String a) {
        return Conversation.of(List.of(Message.of(Role.USER, q), Message.of(Role.ASSISTANT, a)));
    }

    @Test
    void emptyOutputs() {
        assertThat(TextChecks.emptyOutput(qa("Q?", "  \n"))).isTrue();
        assertThat(TextChecks.emptyOutput(Conversation.of(List.of(Message.of(Role.USER, "Q?"))))).as("no reply").isTrue();
        assertThat(TextChecks.emptyOutput(qa("Q?", "Paris"))).isFalse();
        assertThat(TextChecks.emptyOutput(Conversation.ofText("raw text"))).isFalse();
        assertThat(TextChecks.emptyOutput(Conversation.of(List.of(Message.of(Role.USER, "Q?"),
                new Message(Role.ASSISTANT, "", null, "[{\"name\":\"f\"}]", null))))).as("a tool call is a reply").isFalse();
    }

    @Test
    void truncatedOutputs() {
        assertThat(TextChecks.truncationReason("Here:\n```python\nprint(1)\n")).isEqualTo("unbalanced code fence");
        assertThat(TextChecks.truncationReason("Follow these steps:")).isEqualTo("ends with ':'");
        assertThat(TextChecks.truncationReason("It depends on many things, such as")).isEqualTo("ends with 'as'");
        assertThat(TextChecks.truncationReason("The result depends on the")).isEqualTo("ends with 'the'");
        assertThat(TextChecks.truncationReason("Plants convert light into energy. They use it to make sug"))
                .isEqualTo("last sentence has no closing punctuation");
    }

    @Test
    void completeOutputsAreNotTruncated() {
        assertThat(TextChecks.truncationReason("Paris")).isNull();
        assertThat(TextChecks.truncationReason("4")).isNull();
        assertThat(TextChecks.truncationReason("The capital of France is Paris.")).isNull();
        assertThat(TextChecks.truncationReason("Steps. Do this:\n- mix the flour\n- add the eggs")).isNull();
        assertThat(TextChecks.truncationReason("Sure! Here it is:\n```\nx = 1\n```")).isNull();
        assertThat(TextChecks.truncationReason("Read more. See https://example.com/docs/getting-started")).isNull();
        assertThat(TextChecks.truncationReason("It is what it is 🙂")).isNull();
        assertThat(TextChecks.truncationReason("Answer without any sentence punctuation at all here")).isNull();
        assertThat(TextChecks.truncationReason("C'est la vie, dit-il. « Oui »")).isNull();
    }

    @Test
    void mostlyNonText() {
        assertThat(TextChecks.mostlyNonText(qa("?", "%%%% #### @@@@ !!!! ^^^^ &&&& ****"), 0.4)).isTrue();
        String base64 = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=";
        assertThat(TextChecks.mostlyNonText(qa("Decode", base64), 0.4)).as("a base64 blob").isTrue();
        assertThat(TextChecks.mostlyNonText(qa("Explain", "Photosynthesis turns light into chemical energy."), 0.4)).isFalse();
        assertThat(TextChecks.mostlyNonText(qa("2+2", "4"), 0.4)).as("too short to judge").isFalse();
        assertThat(TextChecks.mostlyNonText(qa("Loop", "for (int i = 0; i < n; i++) { total += values[i]; }"), 0.4))
                .as("code still has words").isFalse();
        assertThat(TextChecks.mostlyNonText(qa("Bytes", "\u0000\u0001\u0002\u0003\ufffd\ufffd\ufffd\ufffd\u0004\u0005\u0006\u0007\u0008\u000e\u000f\u0010"), 0.4)).isTrue();
    }

    @Test
    void approximateTokenCounts() {
        TokenCounter c = ApproximateTokenCounter.INSTANCE;
        assertThat(c.count("")).isZero();
        assertThat(c.count("Hello, world!")).as("Hell|o , worl|d !").isEqualTo(6);
        assertThat(c.count("a b c")).isEqualTo(3);
        assertThat(c.count("internationalisation")).as("20 letters").isEqualTo(5);
        assertThat(c.count("日本語")).as("one per ideograph").isEqualTo(3);
    }
}
