package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.data.Conversation;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The rows of a frozen version a run may train on, as conversations: TRAIN (and unsplit) rows for
 * training, VALIDATION rows for the eval loss, TEST rows never. A row whose contributor did not allow
 * TRAIN is dropped here, as soon as its page is read, before any conversion: nothing downstream (the
 * encoder, the trainer) ever sees it.
 */
record TrainingData(List<Conversation> train, List<Conversation> validation, long testRows, long skipped) {

    private static final int PAGE = 1_000;

    /** Reads the version page by page; {@code seen} is called with each allowed row (for tests and audits). */
    static TrainingData read(DatasetStore store, DatasetVersion version, Consumer<DatasetRow> seen) {
        List<Conversation> train = new ArrayList<>();
        List<Conversation> validation = new ArrayList<>();
        long test = 0;
        long skipped = 0;
        for (long offset = 0; ; offset += PAGE) {
            List<DatasetRow> page = store.versionRows(version, null, offset, PAGE);
            for (DatasetRow row : page) {
                if (!row.allowedUses().contains(Use.TRAIN)) {
                    continue;
                }
                if (row.split() == Split.TEST) {
                    test++;
                    continue;
                }
                seen.accept(row);
                Optional<Conversation> c = RowConversions.toTraining(row.content());
                if (c.isEmpty()) {
                    skipped++;
                } else if (row.split() == Split.VALIDATION) {
                    validation.add(c.get());
                } else {
                    train.add(c.get());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return new TrainingData(train, validation, test, skipped);
    }
}
