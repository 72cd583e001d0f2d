package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Contributors;
import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.ParsedRow;
import dev.modelfactory.ledger.dataset.RejectedRow;
import dev.modelfactory.ledger.dataset.RowHash;
import dev.modelfactory.ledger.dataset.RowJson;
import dev.modelfactory.ledger.dataset.RowSink;
import dev.modelfactory.ledger.task.CancellationToken;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The parsing side of an import: receives parsed rows on the parser's thread, hashes and encodes them,
 * checks in-file duplicates, and hands full {@link ImportBatch}es to the committing thread through a
 * bounded queue (so memory holds at most the queue's batches plus the one being filled).
 *
 * <p>Memory besides the batches: 8 bytes per row for the in-file duplicate check (the first 8 bytes of
 * the normalised hash: a row is miscounted as a duplicate only on a 64-bit collision, about 3e-8 for a
 * million rows; the dataset-wide check confirms with the full hash) and at most
 * {@link DatasetImporter#MAX_REJECTS_KEPT} rejects.
 */
final class RowEncoder implements RowSink {

    /** Stops the parse when the caller cancels; carries no stack trace. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private final String source;
    private final ImportOptions options;
    private final CancellationToken cancel;
    private final Consumer<ImportBatch> out;
    private final LongHashSet seen = new LongHashSet();
    private List<EncodedRow> rows;
    private List<RejectedRow> rejects = new ArrayList<>();
    private long rejected;
    private long duplicates;
    private long skipped;

    /**
     * @param out receives each batch (typically {@link #putInto} a queue); may block
     */
    RowEncoder(String source, ImportOptions options, CancellationToken cancel, Consumer<ImportBatch> out) {
        this.source = source;
        this.options = options;
        this.cancel = cancel;
        this.out = out;
        this.rows = new ArrayList<>(options.batchSize());
    }

    /** A consumer that puts batches into {@code queue}, waiting for room; interruption ends the parse. */
    static Consumer<ImportBatch> putInto(BlockingQueue<ImportBatch> queue) {
        return batch -> {
            try {
                queue.put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
        };
    }

    @Override
    public void accept(ParsedRow parsed) {
        checkCancel();
        Conversation row = parsed.row();
        String contributor = options.contributor();
        if (parsed.contributor() != null) {
            try {
                contributor = Contributors.canonical(parsed.contributor());
            } catch (IllegalArgumentException e) {
                reject(new RejectedRow(parsed.source(), "invalid contributor: " + e.getMessage()));
                return;
            }
        }
        String payload = RowJson.write(row);
        if (payload.length() > 1_000_000) {
            reject(new RejectedRow(parsed.source(), "row too large: " + payload.length()
                    + " characters stored, the limit is 1000000"));
            return;
        }
        String norm = RowHash.normalised(row);
        long normKey = DatasetImporter.normKey(norm);
        if (!seen.add(normKey)) {
            duplicates++;
            if (options.skipDuplicatesInFile()) {
                skipped++;
                return;
            }
        }
        String file = parsed.source().file().equals(source) ? null : parsed.source().file();
        rows.add(new EncodedRow(RowHash.of(row), norm, normKey, payload, (int) Math.min(Integer.MAX_VALUE,
                row.contentLength()), contributor, DatasetImporter.tags(row.tags()), file, parsed.source().line(),
                parsed.source().record()));
        if (rows.size() >= options.batchSize()) {
            emit(false, null);
        }
    }

    @Override
    public void reject(RejectedRow r) {
        checkCancel();
        rejected++;
        if (rejected <= DatasetImporter.MAX_REJECTS_KEPT) {
            rejects.add(r);
        }
    }

    /** Sends the rows and rejects not sent yet as the final batch. */
    void finish(Throwable stop) {
        emit(true, stop);
    }

    /**
     * The end of the stream after a failure: sends only the marker, never the partial batch (a cancel
     * keeps whole batches only).
     */
    void abort(Throwable stop) {
        out.accept(new ImportBatch(List.of(), List.of(), rejected, duplicates, skipped, true, stop));
    }

    private void emit(boolean last, Throwable stop) {
        out.accept(new ImportBatch(rows, rejects, rejected, duplicates, skipped, last, stop));
        rows = new ArrayList<>(options.batchSize());
        rejects = new ArrayList<>();
    }

    private void checkCancel() {
        if (cancel.isCancellationRequested()) {
            throw new Cancelled();
        }
    }
}
