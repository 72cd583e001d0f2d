package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.data.Conversation;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rows of a frozen version a run may train on, as conversations: rows of the chosen training splits
 * (TRAIN by default; rows without a split count as TRAIN) for training, rows of the evaluation split
 * (VALIDATION by default) for the eval loss and the sample prompts, the other splits' rows never (counted
 * in {@code unusedRows}). {@code trainRows} and {@code validationRows} run parallel to the conversations and
 * say which row each came from, {@code trainTags} and {@code validationTags} (parallel too) the row's curation
 * tags (for per-tag loss curves). A row whose contributor did not allow TRAIN is dropped here, as soon as its
 * page is read, before any conversion: nothing downstream (the encoder, the trainer) ever sees it.
 */
record TrainingData(List<Conversation> train, List<RowRef> trainRows, List<Conversation> validation,
        List<RowRef> validationRows, long unusedRows, long skipped, List<List<String>> trainTags,
        List<List<String>> validationTags) {

    private static final int PAGE = 1_000;

    /** The config's split names as splits; errors name the field. */
    static Set<Split> splits(List<String> names, String field) {
        Set<Split> out = new LinkedHashSet<>();
        for (String n : names) {
            out.add(split(n, field));
        }
        return out;
    }

    static Split split(String name, String field) {
        for (Split s : Split.values()) {
            if (s.wire().equals(name.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new TrainingInputException(field + ": no split named '" + name + "' (train, validation, test)");
    }

    /** Reads the version page by page; {@code seen} is called with each allowed row used (for tests and audits). */
    static TrainingData read(DatasetStore store, DatasetVersion version, Set<Split> trainSplits, Split evalSplit,
            Consumer<DatasetRow> seen) {
        List<Conversation> train = new ArrayList<>();
        List<RowRef> trainRows = new ArrayList<>();
        List<Conversation> validation = new ArrayList<>();
        List<RowRef> validationRows = new ArrayList<>();
        List<List<String>> trainTags = new ArrayList<>();
        List<List<String>> validationTags = new ArrayList<>();
        long unused = 0;
        long skipped = 0;
        for (long after = 0; ; ) {
            List<DatasetRow> page = store.versionRowsAfter(version, null, after, PAGE);
            for (DatasetRow row : page) {
                if (!row.allowedUses().contains(Use.TRAIN)) {
                    continue;
                }
                Split split = row.split() == null ? Split.TRAIN : row.split();
                boolean trains = trainSplits.contains(split);
                if (!trains && split != evalSplit) {
                    unused++;
                    continue;
                }
                seen.accept(row);
                Optional<Conversation> c = RowConversions.toTraining(row.content());
                if (c.isEmpty()) {
                    skipped++;
                } else if (trains) {
                    train.add(c.get());
                    trainRows.add(RowRef.of(row));
                    trainTags.add(row.content().tags());
                } else {
                    validation.add(c.get());
                    validationRows.add(RowRef.of(row));
                    validationTags.add(row.content().tags());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().id();
        }
        return new TrainingData(train, trainRows, validation, validationRows, unused, skipped, trainTags,
                validationTags);
    }
}
