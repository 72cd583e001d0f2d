package dev.modelfactory.engine.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.format.hf.ChatTemplate.Message;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.tokenizer.SpmTokenizer;
import dev.modelfactory.engine.tokenizer.TokenType;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.engine.tokenizer.Vocabulary;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A SentencePiece tokenizer with a space prefix and BOS, and a Llama-2 style template that renders
 * {@code bos_token} itself: tokens equal what inference tokenises, one BOS, and each response range decodes
 * to its answer.
 */
class SpmExampleEncoderTest {

    private static final String LLAMA2 = "{% for m in messages %}{% if m['role'] == 'user' %}"
            + "{{ bos_token + '[INST] ' + m['content'] + ' [/INST]' }}{% else %}{{ ' ' + m['content'] + ' ' + eos_token }}"
            + "{% endif %}{% endfor %}";

    private static Tokenizer spm() {
        LlamaGguf.Vocab v = LlamaGguf.vocabulary(600);
        TokenType[] types = new TokenType[v.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = switch (v.types()[i]) {
                case 2 -> TokenType.UNKNOWN;
                case 3 -> TokenType.CONTROL;
                case 6 -> TokenType.BYTE;
                default -> TokenType.NORMAL;
            };
        }
        return new SpmTokenizer(new Vocabulary(v.tokens().toArray(String[]::new), v.scores(), types, 1, 2, 0, Set.of()),
                true, true);
    }

    @Test
    void responsesOfATemplateWithItsOwnBos() {
        Tokenizer tok = spm();
        ChatFormat f = new ChatFormat(new ChatTemplate(LLAMA2, "<s>", "</s>"));
        Conversation c = new Conversation(List.of(new Message("user", "hello world"),
                new Message("assistant", "the model is data"), new Message("user", "train it"),
                new Message("assistant", "on tokens for the world")));
        TrainingExample e = new ExampleEncoder(f, tok, 512, TruncationPolicy.DROP).encode(c);
        int[] t = e.tokens();
        assertThat(t).containsExactly(tok.encode(f.render(c), false, true));
        assertThat(t[0]).isEqualTo(1);
        assertThat(Arrays.stream(t).filter(x -> x == 1).count()).isEqualTo(2); // one BOS per user turn, none added

        boolean[] r = e.response();
        StringBuilder answers = new StringBuilder();
        int i = 0;
        while (i < t.length) {
            if (!r[i]) {
                i++;
                continue;
            }
            int from = i;
            while (i < t.length && r[i]) {
                i++;
            }
            answers.append('|').append(tok.decode(Arrays.copyOfRange(t, from, i)).strip());
            assertThat(t[i - 1]).as("a response ends with EOS").isEqualTo(2);
        }
        assertThat(answers.toString()).isEqualTo("|the model is data|on tokens for the world");
    }
}
