package dev.modelfactory.app.attribution;

import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.provenance.AdapterChoice;
import dev.modelfactory.studio.provenance.AttributionMethod;
import dev.modelfactory.studio.provenance.ContributorShare;
import dev.modelfactory.studio.provenance.EvidenceRow;
import dev.modelfactory.studio.provenance.OutputChoice;
import dev.modelfactory.studio.provenance.OutputSpan;
import dev.modelfactory.studio.provenance.ProvenanceBackend;
import dev.modelfactory.studio.provenance.ProvenanceQuery;
import dev.modelfactory.studio.provenance.ProvenanceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A backend for the page tests over a handful of rows held here: spans are the rows' words found verbatim
 * in the output (each word of 4+ letters that a row holds), citations the rows sharing a word with the
 * output, shares fixed by the test; signed records go to a real {@link LedgerLog}. {@link #hold()} makes the
 * next job wait (reporting progress, honouring cancel) until {@link #release()}.
 */
final class ProvenanceTestBackend implements ProvenanceBackend {

    static final AdapterChoice RECIPES = new AdapterChoice("run:1", "ab".repeat(32), "run 1 \u00b7 recipes");
    static final AdapterChoice POEMS = new AdapterChoice("run:2", "cd".repeat(32), "run 2 \u00b7 poems");
    static final Map<Long, String[]> ROWS = Map.of(
            1L, new String[] {"alice", "Whisk the eggs with sugar until pale."},
            2L, new String[] {"bob", "Fold the flour gently into the batter."},
            3L, new String[] {"alice", "Bake at 180 degrees for twenty minutes."});

    private final LedgerLog log;
    private final List<ContributorShare> shares;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch started = new CountDownLatch(1);
    volatile int jobs;

    ProvenanceTestBackend(LedgerLog log, List<ContributorShare> shares) {
        this.log = log;
        this.shares = shares;
    }

    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    boolean startedWithin(long seconds) throws InterruptedException {
        return started.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public List<AdapterChoice> adapters() {
        return List.of(RECIPES, POEMS);
    }

    @Override
    public AttributionMethod defaultMethod() {
        return AttributionMethod.DATAINF;
    }

    @Override
    public List<OutputChoice> recentOutputs() {
        return List.of(new OutputChoice(OutputChoice.BENCHMARK, "cake-1 \u00b7 run 1", "How do I start a cake?",
                "Whisk the eggs, then fold the flour.", "run 1"));
    }

    @Override
    public ProvenanceView attribute(ProvenanceQuery query, ProgressListener progress, CancellationToken cancel) {
        jobs++;
        progress.onProgress(1, 4);
        started.countDown();
        try {
            while (!gate.await(20, TimeUnit.MILLISECONDS)) {
                cancel.throwIfCancellationRequested();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        cancel.throwIfCancellationRequested();
        progress.onProgress(4, 4);
        String out = query.output();
        List<OutputSpan> spans = new ArrayList<>();
        List<EvidenceRow> cited = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(ROWS).entrySet()) {
            String[] row = e.getValue();
            EvidenceRow ev = new EvidenceRow(e.getKey(), row[0], 1.0, row[1]);
            boolean shares = false;
            for (String word : row[1].replaceAll("[^A-Za-z ]", "").split(" ")) {
                int at = word.length() >= 4 ? out.indexOf(word) : -1;
                if (at >= 0) {
                    shares = true;
                    spans.add(new OutputSpan(at, at + word.length(), 1, 1, List.of(ev)));
                }
            }
            if (shares) {
                cited.add(new EvidenceRow(e.getKey(), row[0], 2.5 - e.getKey() * 0.5, row[1]));
            }
        }
        List<EvidenceRow> top = List.of(new EvidenceRow(1, "alice", 0.75, ROWS.get(1L)[1]),
                new EvidenceRow(2, "bob", 0.45, ROWS.get(2L)[1]));
        return new ProvenanceView(query, top.subList(0, Math.min(top.size(), query.topK())), shares, spans, cited,
                List.of("Spans: found by word in this test's rows."));
    }

    @Override
    public void store(SignedRecord record) {
        log.append(record);
    }
}
