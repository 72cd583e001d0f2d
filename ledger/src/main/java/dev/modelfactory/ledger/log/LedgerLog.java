package dev.modelfactory.ledger.log;

import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.Verification;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.log.StoredBatch;
import dev.modelfactory.ledger.store.log.StoredEntry;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The workspace's attribution log: append signed records, walk and verify the chain, seal Merkle batches.
 * Bundles (export/import) are in {@link Bundles}.
 *
 * <p>Append-only through this API (there is no update or delete); anything changed behind its back, e.g. by
 * SQL, is reported by {@link #verify} at the first entry it affects. Thread-safe.
 */
public final class LedgerLog {

    private static final int PAGE = 500;

    private final LogStore store;
    private final Clock clock;

    public LedgerLog(LogStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends {@code records} in one transaction, in order.
     *
     * @throws IllegalArgumentException if a record's signature is invalid (nothing is appended)
     */
    public List<StoredEntry> append(List<SignedRecord> records) {
        List<StoredEntry> drafts = new ArrayList<>();
        long now = clock.millis();
        for (SignedRecord r : records) {
            Verification v = r.verify(a -> true);
            if (v.status() == Verification.Status.INVALID) {
                throw new IllegalArgumentException("refusing to log a " + r.data().primaryType() + " with an invalid signature: "
                        + v.reason());
            }
            drafts.add(new StoredEntry(0, r.data().primaryType(), r.data().toJson(), r.signature().hex(), r.signer(), now,
                    null, null));
        }
        return store.append(drafts, e -> e.withHash(EntryHash.of(e)));
    }

    /** Appends one record. */
    public StoredEntry append(SignedRecord record) {
        return append(List.of(record)).getFirst();
    }

    /** Entries from {@code fromSeq}, at most {@code limit}. */
    public List<StoredEntry> entries(long fromSeq, int limit) {
        return store.entries(fromSeq, limit);
    }

    public Optional<StoredEntry> entry(long seq) {
        return store.entry(seq);
    }

    /** The last seq (0 when the log is empty). */
    public long size() {
        return store.lastSeq();
    }

    /**
     * Walks the chain from entry 1 and stops at the first entry whose content, signature or link is wrong.
     *
     * @param progress entries checked out of the total
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public VerifyReport verify(ProgressListener progress, CancellationToken cancel) {
        long total = store.lastSeq();
        long expectedSeq = 1;
        String prev = LogStore.GENESIS;
        long checked = 0;
        while (true) {
            List<StoredEntry> page = store.entries(expectedSeq, PAGE);
            if (page.isEmpty()) {
                return new VerifyReport(checked, Optional.empty());
            }
            for (StoredEntry e : page) {
                cancel.throwIfCancellationRequested();
                checked++;
                if (e.seq() != expectedSeq) {
                    return new VerifyReport(checked, Optional.of(new VerifyReport.BadEntry(expectedSeq, List.of(
                            "link: entry " + expectedSeq + " is missing; the next entry has seq " + e.seq()))));
                }
                List<String> problems = EntryCheck.problems(e, expectedSeq, prev);
                if (!problems.isEmpty()) {
                    return new VerifyReport(checked, Optional.of(new VerifyReport.BadEntry(e.seq(), problems)));
                }
                prev = e.entryHash();
                expectedSeq = e.seq() + 1;
            }
            progress.onProgress(checked, total);
        }
    }

    /** The Merkle batch over entries {@code firstSeq..lastSeq} as stored (run {@link #verify} to trust them). */
    public MerkleBatch batch(long firstSeq, long lastSeq) {
        if (firstSeq < 1 || lastSeq < firstSeq) {
            throw new IllegalArgumentException("a batch is a range first..last of entries with 1 <= first <= last");
        }
        if (lastSeq - firstSeq >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch holds at most " + Integer.MAX_VALUE + " entries");
        }
        List<String> hashes = new ArrayList<>();
        long next = firstSeq;
        while (next <= lastSeq) {
            List<StoredEntry> page = store.entries(next, (int) Math.min(PAGE, lastSeq - next + 1));
            if (page.isEmpty() || page.getFirst().seq() != next) {
                throw new IllegalArgumentException("the log has no entry " + next + " (it has " + store.lastSeq() + ")");
            }
            for (StoredEntry e : page) {
                hashes.add(e.entryHash());
                next = e.seq() + 1;
            }
        }
        return MerkleBatch.build(firstSeq, hashes);
    }

    /**
     * Seals the entries after the last sealed batch into a new batch and records its root.
     *
     * @return the new batch, or empty if there is no entry to seal
     */
    public Optional<StoredBatch> sealBatch() {
        long from = store.batches().stream().mapToLong(StoredBatch::lastSeq).max().orElse(0) + 1;
        long to = store.lastSeq();
        if (to < from) {
            return Optional.empty();
        }
        MerkleBatch b = batch(from, to);
        return Optional.of(store.addBatch(from, to, b.root(), clock.instant()));
    }

    /** Sealed batches, oldest first. */
    public List<StoredBatch> batches() {
        return store.batches();
    }

    /** The store behind this log (for bundles). */
    LogStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }
}
