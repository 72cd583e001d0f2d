package dev.modelfactory.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text around special-token strings (longest match first, leftmost first) so templated prompts
 * keep their control tokens. A fragment is either plain text ({@code id == -1}) or one special id. As in
 * llama.cpp, USER_DEFINED tokens are always matched; CONTROL tokens only with {@code parseSpecial}.
 */
final class SpecialTokens {

    record Fragment(String text, int id) {
        boolean isSpecial() {
            return id >= 0;
        }
    }

    private SpecialTokens() {
    }

    static List<Fragment> split(String text, Vocabulary vocab, boolean parseSpecial) {
        List<Fragment> out = new ArrayList<>();
        if (vocab.specialsLongestFirst().isEmpty()) {
            out.add(new Fragment(text, -1));
            return out;
        }
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int match = -1;
            for (int id : vocab.specialsLongestFirst()) {
                if ((parseSpecial || vocab.type(id) == TokenType.USER_DEFINED) && text.startsWith(vocab.token(id), i)) {
                    match = id;
                    break;
                }
            }
            if (match < 0) {
                i++;
                continue;
            }
            if (i > start) {
                out.add(new Fragment(text.substring(start, i), -1));
            }
            out.add(new Fragment(vocab.token(match), match));
            i += vocab.token(match).length();
            start = i;
        }
        if (start < text.length()) {
            out.add(new Fragment(text.substring(start), -1));
        }
        return out;
    }
}
