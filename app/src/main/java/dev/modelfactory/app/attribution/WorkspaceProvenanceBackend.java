package dev.modelfactory.app.attribution;

import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.engine.attribution.influence.InfluenceMethod;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.provenance.AdapterChoice;
import dev.modelfactory.studio.provenance.AttributionMethod;
import dev.modelfactory.studio.provenance.ContributorShare;
import dev.modelfactory.studio.provenance.EvidenceRow;
import dev.modelfactory.studio.provenance.OutputChoice;
import dev.modelfactory.studio.provenance.ProvenanceBackend;
import dev.modelfactory.studio.provenance.ProvenanceQuery;
import dev.modelfactory.studio.provenance.ProvenanceView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Attribution page over the workspace: the three kinds of evidence for one output of one adapter, each
 * over the dataset version the adapter's run trained on.
 * <ul>
 *   <li>Influence ({@link InfluenceService}): top rows and contributor shares. These shares, and only these,
 *   are what a signed OutputAttribution carries: influence is the one evidence that measures how training on
 *   a row moved the adapter toward this output. Spans and citations measure textual overlap (a row can share
 *   a phrase, or match a query, without having taught anything) and would count the same rows twice, so they
 *   are shown as evidence beside the shares and do not change them.</li>
 *   <li>Spans ({@link SpanIndexService}): the output's maximal spans (4+ tokens) found verbatim in the rows,
 *   building the version's suffix-array index on first use.</li>
 *   <li>Citations ({@link RetrievalService}): the rows BM25 retrieves for the output text, building the
 *   version's index on first use.</li>
 * </ul>
 * A kind that cannot be computed (an imported adapter has no run, a run without a prompt has no influence
 * query) is left empty with a note; cancellation stops the whole job.
 */
public final class WorkspaceProvenanceBackend implements ProvenanceBackend, AutoCloseable {

    /** Progress units per phase (influence, spans, citations). */
    private static final long PHASE = 1_000;

    private final Workspace ws;
    private final InfluenceService influence;
    private final SpanIndexService spans;
    private final RetrievalService retrieval;
    private final LedgerLog log;

    public WorkspaceProvenanceBackend(Workspace ws, InfluenceService influence, SpanIndexService spans,
            RetrievalService retrieval) {
        this.ws = ws;
        this.influence = influence;
        this.spans = spans;
        this.retrieval = retrieval;
        this.log = new LedgerLog(new LogStore(ws), Clock.systemUTC());
    }

    /** With the workspace's own services (kept open for the studio's lifetime). */
    public static WorkspaceProvenanceBackend of(Workspace ws) {
        return new WorkspaceProvenanceBackend(ws, new InfluenceService(ws), new SpanIndexService(ws), new RetrievalService(ws));
    }

    /** The influence service this backend asks (for callers that also want a greedy answer of an adapter). */
    public InfluenceService influence() {
        return influence;
    }

    @Override
    public List<AdapterChoice> adapters() {
        List<AdapterChoice> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (AdapterCatalog.Entry e : new AdapterCatalog(ws).list()) {
            String ref = e.runId() > 0 ? "run:" + e.runId() : e.hash();
            if (seen.add(ref)) {
                String label = e.runId() > 0 ? "run " + e.runId() + " \u00b7 " + e.name()
                        : "imported \u00b7 " + e.hash().substring(0, 12);
                out.add(new AdapterChoice(ref, e.hash(), label));
            }
        }
        return out;
    }

    @Override
    public AttributionMethod defaultMethod() {
        return AttributionMethod.valueOf(InfluenceService.DEFAULT_METHOD.name());
    }

    @Override
    public List<OutputChoice> recentOutputs() {
        return ProvenanceOutputs.recent(ws);
    }

    @Override
    public ProvenanceView attribute(ProvenanceQuery q, ProgressListener progress, CancellationToken cancel) {
        AdapterCatalog.Entry adapter = new AdapterCatalog(ws).find(q.adapter().ref());
        List<String> notes = new ArrayList<>();
        if (adapter.runId() <= 0) {
            notes.add("This adapter was imported, not trained here: there is no run, so no training rows to "
                    + "attribute the output to.");
            return new ProvenanceView(q, List.of(), List.of(), List.of(), List.of(), notes);
        }
        RunRecord run = new RunStore(ws).get(adapter.runId()).orElseThrow(() -> new IllegalStateException(
                "run " + adapter.runId() + " of adapter " + adapter.hash() + " is not in the workspace"));
        String version = run.spec().datasetVersion();
        String ref = "run:" + adapter.runId();

        List<EvidenceRow> top = new ArrayList<>();
        List<ContributorShare> shares = new ArrayList<>();
        if (q.prompt().isBlank()) {
            notes.add("Influence: needs the prompt that produced the output (the query is prompt + output).");
        } else {
            ProvenanceEvidence.note("Influence", notes, () -> {
                InfluenceResult r = influence.attribute(ref, q.prompt(), Optional.of(q.output()),
                        InfluenceMethod.parse(q.method().id()), q.topK(), phase(progress, 0), cancel);
                r.rows().forEach(x -> top.add(new EvidenceRow(x.rowId(), x.contributor(), x.score(), x.text())));
                r.shares().forEach(s -> shares.add(new ContributorShare(s.contributor(), s.basisPoints())));
                return String.format(Locale.ROOT, "Influence: %s over %d rows at checkpoints %s, %.2f s%s.",
                        q.method(), r.rowsScored(), r.checkpoints(), r.seconds(),
                        r.shares().isEmpty() ? "; no row had positive influence" : "");
            });
        }
        cancel.throwIfCancellationRequested();

        ProvenanceEvidence text = ProvenanceEvidence.of(spans, retrieval, ref, version, q.output(), q.topK(),
                phase(progress, 1), phase(progress, 2), cancel);
        notes.addAll(text.notes());
        progress.onProgress(3 * PHASE, 3 * PHASE);
        return new ProvenanceView(q, top, shares, text.spans(), text.citations(), notes);
    }

    /** Maps a phase's own progress onto its third of the job. */
    private static ProgressListener phase(ProgressListener progress, int index) {
        return (done, total) -> progress.onProgress(index * PHASE + (total > 0 ? Math.min(PHASE, done * PHASE / total) : 0),
                3 * PHASE);
    }

    @Override
    public void store(SignedRecord record) {
        log.append(record);
    }

    /** Closes the services (open runs, mapped indexes, searchers); the studio keeps it for its lifetime. */
    @Override
    public void close() {
        try (influence; spans; retrieval) {
            // closed in reverse order by try-with-resources
        }
    }
}
