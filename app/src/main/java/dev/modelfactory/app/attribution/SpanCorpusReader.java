package dev.modelfactory.app.attribution;

import dev.modelfactory.app.training.RowConversions;
import dev.modelfactory.app.training.RowRef;
import dev.modelfactory.engine.attribution.spans.SpanCorpus;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads the rows of a frozen version that a run trains on by default (TRAIN split or no split, contributor
 * allowed TRAIN, at least one non-blank assistant turn, as {@code TrainingData} selects them) and
 * tokenises every message on its own, so no span can cross from one message into the next. The tokenizer is
 * called from several threads (the engine's tokenizers keep no mutable state).
 */
final class SpanCorpusReader {

    private static final int PAGE = 1_000;

    /** The corpus and, by row index, which dataset row each index row is. */
    record Result(SpanCorpus corpus, List<RowRef> rows) {
    }

    private SpanCorpusReader() {
    }

    /** Progress counts rows read out of the version's row count. */
    static Result read(DatasetStore store, DatasetVersion version, Tokenizer tokenizer, ProgressListener progress,
            CancellationToken cancel) {
        SpanCorpus.Builder b = new SpanCorpus.Builder();
        List<RowRef> rows = new ArrayList<>();
        long done = 0;
        for (long offset = 0; ; offset += PAGE) {
            cancel.throwIfCancellationRequested();
            List<DatasetRow> page = store.versionRows(version, null, offset, PAGE);
            List<DatasetRow> kept = page.stream().filter(SpanCorpusReader::trains).toList();
            // Tokenising dominates the build: a page's rows in parallel, added in order.
            int[][][] tokens = new int[kept.size()][][];
            IntStream.range(0, kept.size()).parallel().forEach(i -> {
                cancel.throwIfCancellationRequested();
                List<Message> ms = kept.get(i).content().messages();
                tokens[i] = new int[ms.size()][];
                for (int m = 0; m < ms.size(); m++) {
                    String text = ms.get(m).content();
                    tokens[i][m] = text.isEmpty() ? new int[0] : tokenizer.encode(text, false);
                }
            });
            cancel.throwIfCancellationRequested();
            for (int i = 0; i < kept.size(); i++) {
                DatasetRow row = kept.get(i);
                int index = rows.size();
                rows.add(new RowRef(row.id(), row.rowHash(), row.contributor() == null ? "" : row.contributor()));
                b.rows(index + 1);
                for (int[] message : tokens[i]) {
                    b.add(index, message); // empty messages are skipped
                }
            }
            done += page.size();
            progress.onProgress(Math.min(done, version.rowCount()), version.rowCount());
            if (page.size() < PAGE) {
                break;
            }
        }
        return new Result(b.build(), rows);
    }

    static boolean trains(DatasetRow row) {
        Split split = row.split() == null ? Split.TRAIN : row.split();
        return split == Split.TRAIN && row.allowedUses().contains(Use.TRAIN)
                && RowConversions.toTraining(row.content()).isPresent();
    }
}
