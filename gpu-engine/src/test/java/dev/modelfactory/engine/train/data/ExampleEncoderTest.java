package dev.modelfactory.engine.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.format.hf.ChatTemplate.Message;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleEncoderTest {

    private final Tokenizer tok = TestTokenizers.chatMl();

    private static Conversation twoTurns() {
        return new Conversation(List.of(new Message("system", "Be brief."), new Message("user", "hello"),
                new Message("assistant", "hello user"), new Message("user", "again?"),
                new Message("assistant", "assistant says hello")));
    }

    /** The ChatML text written out by hand; every assistant turn's content plus its end of turn is response. */
    @Test
    void maskCoversExactlyTheAssistantTokens() {
        String[][] pieces = {
            {"<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n", "p"},
            {"hello user<|im_end|>\n", "r"},
            {"<|im_start|>user\nagain?<|im_end|>\n<|im_start|>assistant\n", "p"},
            {"assistant says hello<|im_end|>\n", "r"}};
        List<Integer> ids = new ArrayList<>();
        List<Boolean> mask = new ArrayList<>();
        for (String[] p : pieces) {
            for (int id : tok.encode(p[0], false, true)) {
                ids.add(id);
                mask.add(p[1].equals("r"));
            }
        }
        TrainingExample e = new ExampleEncoder(ChatFormat.chatMl(), tok, 512, TruncationPolicy.DROP).encode(twoTurns());

        assertThat(e.tokens()).containsExactly(ids.stream().mapToInt(Integer::intValue).toArray());
        boolean[] expected = new boolean[mask.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = mask.get(i);
        }
        assertThat(e.response()).containsExactly(expected);
        // the response tokens decode to the two answers (control tokens decode to nothing)
        List<Integer> resp = new ArrayList<>();
        for (int i = 0; i < e.length(); i++) {
            if (e.response()[i]) {
                resp.add(e.tokens()[i]);
            }
        }
        assertThat(tok.decode(resp.stream().mapToInt(Integer::intValue).toArray()))
                .isEqualTo("hello user\nassistant says hello\n");
        assertThat(e.lossTokens()).isEqualTo(resp.size());
    }

    @Test
    void spansConcatenateToTheRender() {
        ChatFormat f = ChatFormat.chatMl();
        StringBuilder b = new StringBuilder();
        f.spans(twoTurns()).forEach(s -> b.append(s.text()));
        assertThat(b.toString()).isEqualTo(f.render(twoTurns()));
        assertThat(f.spans(twoTurns())).extracting(ChatFormat.Span::response).containsExactly(false, true, false, true);
    }

    @Test
    void templateThatIsNotPrefixStableIsRefusedNamingTheTurn() {
        ChatFormat odd = new ChatFormat(new ChatTemplate(
                "{{ messages|length }}{% for m in messages %}{{ m['content'] }}{% endfor %}", "", ""));
        assertThatThrownBy(() -> odd.spans(Conversation.of(null, "q", "a"))).hasMessageContaining("messages[1]");
    }

    @Test
    void truncationPolicies() {
        Conversation c = Conversation.of(null, "a long question goes here", "and a long answer follows");
        int full = new ExampleEncoder(ChatFormat.chatMl(), tok, 512, TruncationPolicy.DROP).encode(c).length();

        EncodedData dropped = new ExampleEncoder(ChatFormat.chatMl(), tok, full - 1, TruncationPolicy.DROP)
                .encodeAll(List.of(c));
        assertThat(dropped.examples()).isEmpty();
        assertThat(dropped.dropped()).isEqualTo(1);

        EncodedData kept = new ExampleEncoder(ChatFormat.chatMl(), tok, full - 3, TruncationPolicy.KEEP_START)
                .encodeAll(List.of(c));
        assertThat(kept.examples()).hasSize(1);
        assertThat(kept.truncated()).isEqualTo(1);
        assertThat(kept.examples().getFirst().length()).isEqualTo(full - 3);

        // cut before the response starts: nothing to learn, so left out
        EncodedData none = new ExampleEncoder(ChatFormat.chatMl(), tok, 6, TruncationPolicy.KEEP_START)
                .encodeAll(List.of(c));
        assertThat(none.examples()).isEmpty();
        assertThat(none.dropped()).isEqualTo(1);
    }

    @Test
    void sourcesMapExamplesBackToTheirConversationsAcrossDrops() {
        Conversation shortOne = Conversation.of(null, "q", "a");
        Conversation longOne = Conversation.of(null, "a long question goes here", "and a long answer follows");
        int fits = new ExampleEncoder(ChatFormat.chatMl(), tok, 512, TruncationPolicy.DROP).encode(shortOne).length();
        EncodedData d = new ExampleEncoder(ChatFormat.chatMl(), tok, fits, TruncationPolicy.DROP)
                .encodeAll(List.of(longOne, shortOne, longOne, shortOne));
        assertThat(d.examples()).hasSize(2);
        assertThat(d.sources()).containsExactly(1, 3);
        assertThat(d.source(1)).isEqualTo(3);
    }

    @Test
    void conversationWithoutAnAssistantTurnIsRefused() {
        assertThatThrownBy(() -> new Conversation(List.of(new Message("user", "hi"))))
                .hasMessageContaining("messages").hasMessageContaining("assistant");
    }
}
