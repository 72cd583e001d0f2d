package dev.modelfactory.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a stream may send before the final text is known. */
class StreamTextTest {

    @Test
    void anIncompleteCharacterIsHeldBackUntilItsBytesArrive() {
        StreamText t = new StreamText(List.of());
        assertThat(t.update("ab\uFFFD")).isEqualTo("ab");
        assertThat(t.update("ab\uFFFD\uFFFD")).isEmpty();
        assertThat(t.update("ab\u00e9c")).isEqualTo("\u00e9c");
        assertThat(t.rest("ab\u00e9cd")).isEqualTo("d");
    }

    @Test
    void aStopStringAndItsPossibleStartAreNeverSent() {
        StreamText t = new StreamText(List.of("END", "x"));
        assertThat(t.update("hello E")).isEqualTo("hello");
        assertThat(t.update("hello EN")).isEqualTo(" ");
        assertThat(t.update("hello ENDmore")).isEmpty();
        assertThat(t.rest("hello ")).isEmpty();
        StreamText u = new StreamText(List.of("END"));
        assertThat(u.update("hello E")).isEqualTo("hello");
        assertThat(u.update("hello Ex")).isEqualTo(" ");
        assertThat(u.rest("hello Ex!")).isEqualTo("Ex!");
    }
}
