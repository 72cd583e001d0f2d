package dev.modelfactory.app.attribution;

import dev.modelfactory.ledger.retrieval.RetrievalHit;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.provenance.EvidenceRow;
import dev.modelfactory.studio.provenance.OutputSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * The textual evidence for an output over the dataset version a run trained on: spans found verbatim in the
 * rows ({@link SpanIndexService}, 4+ tokens) and the rows BM25 retrieval cites for the output text
 * ({@link RetrievalService}). Each index is built on first use. A kind that fails becomes a note, so one
 * missing index never hides the other evidence; cancellation goes through.
 *
 * @param spans     spans in output order
 * @param citations best first
 * @param notes     one line per kind: what answered, or why it could not
 */
public record ProvenanceEvidence(List<OutputSpan> spans, List<EvidenceRow> citations, List<String> notes) {

    public ProvenanceEvidence {
        spans = List.copyOf(spans);
        citations = List.copyOf(citations);
        notes = List.copyOf(notes);
    }

    /**
     * @param adapterRef {@code run:N} (its base model's tokenizer tokenises the output for spans)
     * @param version    the run's dataset version root
     * @param progress   reported per kind: spans, then citations
     */
    public static ProvenanceEvidence of(SpanIndexService spanIndex, RetrievalService retrieval, String adapterRef,
            String version, String output, int topK, ProgressListener spansProgress, ProgressListener citationsProgress,
            CancellationToken cancel) {
        List<String> notes = new ArrayList<>();
        List<OutputSpan> found = new ArrayList<>();
        note("Spans", notes, () -> {
            SpanReport r = spanIndex.spans(adapterRef, version, output, SpanOptions.defaults(), spansProgress, cancel);
            for (SpanHit h : r.spans()) {
                if (h.charEnd() > h.charStart()) {
                    found.add(new OutputSpan(h.charStart(), h.charEnd(), h.tokenLength(), h.occurrences(), h.rows().stream()
                            .map(x -> new EvidenceRow(x.row().rowId(), x.row().contributor(), 0, x.snippet())).toList()));
                }
            }
            return "Spans: " + r.spans().size() + " of 4+ tokens cover " + r.matchedTokens() + " of " + r.outputTokens()
                    + " output tokens (" + r.index().datasetName() + ", " + r.index().rows() + " rows indexed).";
        });
        cancel.throwIfCancellationRequested();
        List<EvidenceRow> cited = new ArrayList<>();
        note("Citations", notes, () -> {
            retrieval.index(version, citationsProgress, cancel);
            for (RetrievalHit h : retrieval.retrieve(version, output, topK)) {
                cited.add(new EvidenceRow(h.rowId(), h.contributor().isEmpty() ? "(unknown)" : h.contributor(), h.score(),
                        h.text()));
            }
            return "Citations: BM25 over the run's dataset version (" + version.substring(0, 12) + "), top " + topK + ".";
        });
        return new ProvenanceEvidence(found, cited, notes);
    }

    /** {@link #of} over run {@code runId}'s dataset version, with services opened and closed here. */
    public static ProvenanceEvidence forRun(dev.modelfactory.ledger.store.Workspace ws, long runId, String output, int topK,
            ProgressListener progress, CancellationToken cancel) {
        String version = new dev.modelfactory.ledger.store.run.RunStore(ws).get(runId).orElseThrow(
                () -> new IllegalArgumentException("run: no run with id " + runId)).spec().datasetVersion();
        try (SpanIndexService spanIndex = new SpanIndexService(ws); RetrievalService retrieval = new RetrievalService(ws)) {
            return of(spanIndex, retrieval, "run:" + runId, version, output, topK, progress, progress, cancel);
        }
    }

    /** Runs one kind of evidence; its failure becomes a note (cancellation goes through). */
    static void note(String kind, List<String> notes, Supplier<String> work) {
        try {
            String note = work.get();
            if (note != null) {
                notes.add(note);
            }
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            notes.add(kind + ": not available: " + e.getMessage());
        }
    }

    /** The members the {@code attribute} command adds to its JSON: spans, citations, evidenceNotes. */
    public Map<String, Object> json(String output) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("spans", spans.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", s.start());
            m.put("end", s.end());
            m.put("text", output.substring(s.start(), s.end()));
            m.put("tokens", s.tokens());
            m.put("count", s.count());
            m.put("rows", s.rows().stream().map(r -> row(r, false)).toList());
            return m;
        }).toList());
        j.put("citations", citations.stream().map(r -> row(r, true)).toList());
        j.put("evidenceNotes", notes);
        return j;
    }

    private static Map<String, Object> row(EvidenceRow r, boolean scored) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rowId", r.rowId());
        m.put("contributor", r.contributor());
        if (scored) {
            m.put("score", r.score());
        }
        m.put("text", r.snippet());
        return m;
    }

    /** Lines for the command's text output. */
    public String text(String output) {
        StringBuilder sb = new StringBuilder("Spans:\n");
        if (spans.isEmpty()) {
            sb.append("  (none of 4+ tokens)\n");
        }
        for (OutputSpan s : spans) {
            sb.append("  \u201c").append(output, s.start(), s.end()).append("\u201d  ").append(s.tokens()).append(" tokens, ")
                    .append(s.count()).append("x  ").append(String.join(", ", s.rows().stream().map(EvidenceRow::contributor)
                            .distinct().toList())).append('\n');
        }
        sb.append("Citations:\n");
        for (EvidenceRow r : citations) {
            sb.append(String.format(java.util.Locale.ROOT, "  %.3f  row %d  %s  %s%n", r.score(), r.rowId(), r.contributor(),
                    r.snippet().replaceAll("\\s+", " ")));
        }
        notes.forEach(n -> sb.append(n).append('\n'));
        return sb.toString().stripTrailing();
    }
}
