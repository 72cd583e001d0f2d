package dev.modelfactory.studio.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.dataset.check.PiiKind;
import dev.modelfactory.ledger.store.dataset.PiiSpan;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The cluster view's word marking and the row detail's PII runs, without a stage. */
class WordDiffTest {

    @Test
    void marksTheWordsAnotherRowLacksAndJoinsBackToTheText() {
        List<String> texts = List.of("Hold the reset button for 10 seconds.", "Hold the Reset button for 30 seconds!",
                "Hold the reset button for 10 seconds, then wait.");
        List<List<WordDiff.Piece>> marked = WordDiff.mark(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(marked.get(i).stream().map(WordDiff.Piece::text).collect(Collectors.joining())).isEqualTo(texts.get(i));
        }
        assertThat(differing(marked.get(0))).containsExactly("10");
        assertThat(differing(marked.get(1))).containsExactly("30");
        assertThat(differing(marked.get(2))).containsExactly("10", "then", "wait.");
        assertThat(marked.get(0)).filteredOn(p -> p.text().isBlank()).noneMatch(WordDiff.Piece::differs);
    }

    @Test
    void aSingleRowOrIdenticalRowsHaveNothingMarked() {
        assertThat(WordDiff.mark(List.of("one row only")).getFirst()).noneMatch(WordDiff.Piece::differs);
        assertThat(WordDiff.mark(List.of("Same text.", "same TEXT")).stream().flatMap(List::stream))
                .noneMatch(WordDiff.Piece::differs);
    }

    @Test
    void piiRunsCoverTheSpansInOrderMergeOverlapsAndClipPastTheEnd() {
        String text = "Mail maria@example.com or call +44 20 7946 0958.";
        int mail = text.indexOf("maria");
        int phone = text.indexOf("+44");
        List<PiiSpan> spans = List.of(new PiiSpan(1, PiiKind.PHONE, 0, phone, phone + 16),
                new PiiSpan(1, PiiKind.EMAIL, 0, mail, mail + 17), new PiiSpan(1, PiiKind.SECRET, 0, mail + 2, mail + 5),
                new PiiSpan(1, PiiKind.SECRET, 0, text.length() - 1, text.length() + 40));
        List<PiiText.Segment> runs = PiiText.segments(text, spans);
        assertThat(runs.stream().map(PiiText.Segment::text).collect(Collectors.joining())).isEqualTo(text);
        assertThat(runs).filteredOn(r -> r.kind() != null).extracting(PiiText.Segment::text, PiiText.Segment::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("maria@example.com", PiiKind.EMAIL),
                        org.assertj.core.groups.Tuple.tuple("+44 20 7946 0958", PiiKind.PHONE),
                        org.assertj.core.groups.Tuple.tuple(".", PiiKind.SECRET));
        assertThat(PiiText.segments("short", List.of())).containsExactly(new PiiText.Segment("short", null));
    }

    private static List<String> differing(List<WordDiff.Piece> pieces) {
        return pieces.stream().filter(WordDiff.Piece::differs).map(WordDiff.Piece::text).toList();
    }
}
