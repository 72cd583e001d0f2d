package dev.modelfactory.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpmTrainerTest {

    private static final List<String> CONTROLS = List.of("<|im_start|>", "<|im_end|>");

    private static List<String> corpus() {
        String[] names = {"Mia", "Tom", "Lena", "Ravi"};
        String[] things = {"ball", "kite", "red apple", "little boat", "blue hat"};
        String[] verbs = {"found", "lost", "liked", "painted"};
        Random r = new Random(7);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            texts.add(names[r.nextInt(names.length)] + " " + verbs[r.nextInt(verbs.length)] + " the "
                    + things[r.nextInt(things.length)] + ". It was a good day.");
        }
        texts.add("<|im_start|>user\nWhat did Mia find?<|im_end|>");
        return texts;
    }

    private static Vocabulary train(List<String> texts, int size) {
        SpmTrainer t = new SpmTrainer(size, CONTROLS, 2);
        texts.forEach(t::add);
        return t.train("<|im_end|>");
    }

    @Test
    void learnsAVocabularyOfExactlyTheRequestedSizeWithTheFixedLayout() {
        Vocabulary v = train(corpus(), 400);
        assertThat(v.size()).isEqualTo(400);
        assertThat(v.token(0)).isEqualTo("<unk>");
        assertThat(v.bos()).isEqualTo(1);
        assertThat(v.eos()).isEqualTo(2);
        assertThat(v.token(3)).isEqualTo("<0x00>");
        assertThat(v.type(3 + 255)).isEqualTo(TokenType.BYTE);
        assertThat(v.type(v.id("<|im_end|>"))).isEqualTo(TokenType.CONTROL);
        assertThat(v.isEndOfGeneration(v.id("<|im_end|>"))).isTrue();
        assertThat(v.isEndOfGeneration(2)).isTrue();
    }

    @Test
    void frequentWordsBecomeSingleTokensAndEveryTextRoundTrips() {
        Vocabulary v = train(corpus(), 500); // room for every merge the corpus' words need
        SpmTokenizer tok = new SpmTokenizer(v, true);
        assertThat(tok.encode("the", false, false)).containsExactly(v.id("\u2581the"));
        int[] ids = tok.encode("Mia painted the kite.", false, false);
        assertThat(java.util.Arrays.stream(ids).mapToObj(v::token).toList())
                .containsExactly("\u2581Mia", "\u2581painted", "\u2581the", "\u2581kite."); // the corpus only has "kite."
        for (String text : List.of("Mia found the blue hat. It was a good day.", "Zoë sees 42 émojis 🙂 tonight!",
                "  two  spaces", "")) {
            assertThat(tok.decode(tok.encode(text, false, false))).isEqualTo(text.isEmpty() ? "" : text);
        }
    }

    @Test
    void controlTokensAreOneIdAndNeverLearntFromText() {
        Vocabulary v = train(corpus(), 400);
        SpmTokenizer tok = new SpmTokenizer(v, true);
        int[] ids = tok.encode("<|im_start|>user\nhi<|im_end|>", false, true);
        assertThat(ids[0]).isEqualTo(v.id("<|im_start|>"));
        assertThat(ids[ids.length - 1]).isEqualTo(v.id("<|im_end|>"));
        for (int i = 0; i < v.size(); i++) {
            if (v.type(i) == TokenType.NORMAL) {
                assertThat(v.token(i)).doesNotContain("<|");
            }
        }
    }

    @Test
    void theSameCorpusInAnyOrderGivesTheSameVocabulary() {
        List<String> texts = corpus();
        Vocabulary a = train(texts, 380);
        List<String> reversed = new ArrayList<>(texts);
        java.util.Collections.reverse(reversed);
        Vocabulary b = train(reversed, 380);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.token(i)).isEqualTo(a.token(i));
            assertThat(b.score(i)).isEqualTo(a.score(i));
        }
    }

    @Test
    void aTinyCorpusIsPaddedWithUnusedEntries() {
        SpmTrainer t = new SpmTrainer(300, CONTROLS, 1);
        t.add("ab ab");
        Vocabulary v = t.train(null);
        assertThat(v.size()).isEqualTo(300);
        assertThat(v.type(299)).isEqualTo(TokenType.UNUSED);
        assertThat(new SpmTokenizer(v, true).decode(new SpmTokenizer(v, true).encode("ab ab", false, false)))
                .isEqualTo("ab ab");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new SpmTrainer(100, CONTROLS, 1)).hasMessageContaining("vocabSize");
        assertThatThrownBy(() -> new SpmTrainer(300, CONTROLS, 1).train("<eot>")).hasMessageContaining("endOfTurn");
    }

    @Test
    void splitDigitsKeepsEveryDigitItsOwnToken() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            texts.add("Mia lives at number " + (100 + i % 7) + " near the park.");
        }
        SpmTrainer merged = new SpmTrainer(400, CONTROLS, 2);
        SpmTrainer split = new SpmTrainer(400, CONTROLS, 2).splitDigits();
        texts.forEach(t -> {
            merged.add(t);
            split.add(t);
        });
        Vocabulary mv = merged.train("<|im_end|>");
        Vocabulary sv = split.train("<|im_end|>");
        SpmTokenizer mt = new SpmTokenizer(mv, true);
        SpmTokenizer st = new SpmTokenizer(sv, true);
        // without the option the frequent numerals become pieces of their own
        assertThat(mt.encode("number 103", false, false)).hasSizeLessThan(st.encode("number 103", false, false).length);
        assertThat(java.util.Arrays.stream(st.encode("number 103", false, false)).mapToObj(sv::token).toList())
                .containsExactly("\u2581number", "\u2581", "1", "0", "3");
        for (int id = 0; id < sv.size(); id++) {
            String t = sv.token(id);
            if (sv.type(id) == TokenType.NORMAL && t.chars().anyMatch(Character::isDigit)) {
                assertThat(t.replace("\u2581", "")).as("piece %s", t).hasSize(1);
            }
        }
    }

    @Test
    void splitPunctuationNeverJoinsLettersAndPunctuation() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            texts.add("{\"who\":\"Mia\",\"where\":\"park\"} Mia went to the park.");
        }
        SpmTrainer t = new SpmTrainer(400, CONTROLS, 2).splitPunctuation();
        texts.forEach(t::add);
        Vocabulary v = t.train("<|im_end|>");
        SpmTokenizer tok = new SpmTokenizer(v, true);
        assertThat(java.util.Arrays.stream(tok.encode("{\"who\":\"Mia\"} the park.", false, false)).mapToObj(v::token)
                .toList()).containsExactly("\u2581{\"", "who", "\":\"", "Mia", "\"}", "\u2581the", "\u2581park", ".");
        for (int id = 0; id < v.size(); id++) {
            String p = v.token(id).replace("\u2581", "");
            if (v.type(id) == TokenType.NORMAL && p.chars().anyMatch(Character::isLetter)) {
                assertThat(p.chars().allMatch(Character::isLetter)).as("piece %s", v.token(id)).isTrue();
            }
        }
    }
}
