package dev.modelfactory.studio.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.Role;
import dev.modelfactory.ledger.dataset.SplitSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTextTest {

    @Test
    void importProgressGivesRowsPerSecondAndAnEtaFromTheShareRead() {
        // 20,000 rows in 2 s, a quarter of the file read: 6 s to go at the same pace
        assertThat(DatasetText.importProgress(20_000, 250, 1_000, 2_000_000_000L))
                .isEqualTo("20,000 rows \u00b7 10,000 rows/s \u00b7 about 6 s left");
        assertThat(DatasetText.importProgress(0, 0, 1_000, 100_000_000L)).isEqualTo("0 rows");
        assertThat(DatasetText.importProgress(5, 10, -1, 1_000_000_000L)).isEqualTo("5 rows \u00b7 5 rows/s");
        assertThat(DatasetText.duration(185)).isEqualTo("3 min 5 s");
    }

    @Test
    void previewTakesTheFirstUserTurnFlattenedAndCut() {
        Conversation chat = Conversation.of(List.of(Message.of(Role.SYSTEM, "Be brief."),
                Message.of(Role.USER, "Where\n\nis   my parcel?"), Message.of(Role.ASSISTANT, "On its way.")));
        assertThat(DatasetText.preview(chat)).isEqualTo("Where is my parcel?");
        assertThat(DatasetText.preview(Conversation.ofText("x".repeat(300)))).hasSize(160).endsWith("\u2026");
    }

    @Test
    void countsAddressesAndRatiosReadNaturally() {
        assertThat(DatasetText.count(1, "row")).isEqualTo("1 row");
        assertThat(DatasetText.count(1_000_000, "row")).isEqualTo("1,000,000 rows");
        assertThat(DatasetText.contributor("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).isEqualTo("0x5aae\u2026eaed");
        assertThat(DatasetText.contributor("Ada")).isEqualTo("Ada");
        assertThat(DatasetText.ratio(new SplitSpec(0.8, 0.1, 0.1, 7))).isEqualTo("80 / 10 / 10, seed 7");
        assertThat(DatasetText.fileName("/tmp/a/b.jsonl")).isEqualTo("b.jsonl");
    }
}
