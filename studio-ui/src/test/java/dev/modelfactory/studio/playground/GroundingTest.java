package dev.modelfactory.studio.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Citation markers, the grounded prompt and what a grounded answer credits. */
class GroundingTest {

    private static final List<GroundingSource> SOURCES = List.of(
            new GroundingSource(1, 11, "h1", "alice", "The okapi lives in the Ituri rainforest.", 3.5),
            new GroundingSource(2, 12, "h2", "bob", "Okapis eat leaves,\n  buds and fungi.", 2.25),
            new GroundingSource(3, 13, "h3", "alice", "Giraffes are the okapi's closest relatives.", 1.0),
            new GroundingSource(4, 14, "h4", "", "Zebras have stripes.", 0.5));

    @Test
    void markersAreSingleAdjacentOrListedAndOutOfRangeNumbersAreIgnored() {
        String answer = "It lives in the Ituri forest [1]. It eats leaves [2][3], fungi [2, 4] and more [9] [0] [1, 7].";
        List<CitationMarkers.Marker> markers = CitationMarkers.find(answer, 4);
        assertThat(markers).extracting(CitationMarkers.Marker::numbers)
                .containsExactly(List.of(1), List.of(2), List.of(3), List.of(2, 4), List.of(1));
        CitationMarkers.Marker first = markers.getFirst();
        assertThat(answer.substring(first.start(), first.end())).isEqualTo("[1]");
        CitationMarkers.Marker listed = markers.get(3);
        assertThat(answer.substring(listed.start(), listed.end())).isEqualTo("[2, 4]");
        assertThat(answer.substring(markers.get(4).start(), markers.get(4).end())).isEqualTo("[1, 7]");
        assertThat(CitationMarkers.cited(answer, 4)).containsExactly(1, 2, 3, 4);
        assertThat(CitationMarkers.cited(answer, 2)).containsExactly(1, 2);
        assertThat(CitationMarkers.cited("no citations [a] [] [-1] [1.5", 4)).isEmpty();
        assertThat(CitationMarkers.find("[9]", 4)).isEmpty();
    }

    @Test
    void theGroundedPromptCarriesEveryNumberedSourceTheInstructionAndTheQuestion() {
        String prompt = GroundedPrompt.build("  Where does the okapi live? ", SOURCES);
        assertThat(prompt).startsWith(GroundedPrompt.INSTRUCTION);
        assertThat(prompt).contains("[1] The okapi lives in the Ituri rainforest.\n")
                .contains("[2] Okapis eat leaves, buds and fungi.\n") // whitespace folded to one line
                .contains("[3] Giraffes are the okapi's closest relatives.\n")
                .contains("[4] Zebras have stripes.\n")
                .endsWith("\nQuestion: Where does the okapi live?");
        assertThat(prompt.indexOf("[1] ")).isLessThan(prompt.indexOf("[2] "));
        assertThat(GroundedPrompt.build("plain", List.of())).isEqualTo("plain");

        String longRow = "x".repeat(GroundedPrompt.MAX_SOURCE_CHARS + 50);
        String cut = GroundedPrompt.build("q", List.of(new GroundingSource(1, 1, "h", "a", longRow, 1)));
        assertThat(cut).contains("[1] " + "x".repeat(GroundedPrompt.MAX_SOURCE_CHARS - 1) + "…\n");
    }

    @Test
    void aGroundedAnswerCreditsTheContributorsOfTheRowsItCites() {
        GroundedAnswer g = GroundedAnswer.of("root", "q", "Ituri [1]; leaves [2]; stripes [4]; [7] is no source.", SOURCES);
        assertThat(g.cited()).containsExactly(1, 2, 4);
        assertThat(g.citedSources()).extracting(GroundingSource::rowHash).containsExactly("h1", "h2", "h4");
        assertThat(g.creditedContributors()).containsExactly("alice", "bob"); // row 4 names no one
        assertThat(g.isCited(SOURCES.get(2))).isFalse();

        GroundedAnswer none = GroundedAnswer.of("root", "q", "I do not know.", SOURCES);
        assertThat(none.cited()).isEmpty();
        assertThat(none.creditedContributors()).isEmpty();
        assertThatThrownBy(() -> new GroundingSource(0, 1, "h", "a", "t", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
