/**
 * Attribution services of the app: which contributors' rows shaped an output. Three kinds of evidence,
 * each in its own files, combined by the Attribution page's backend.
 *
 * <p>Gradient influence ({@link dev.modelfactory.app.attribution.InfluenceService}): after a LoRA run
 * finishes, {@code sketchRun} stores per-row gradient sketches with the run ({@code runs/N/influence/}:
 * one mapped float file per kept checkpoint plus {@code influence.json}); {@code attribute} scores every
 * row's influence on a prompt and output (TracIn or DataInf) and returns the top rows and per-contributor
 * shares in basis points, ready for a ledger {@code OutputAttribution}.
 *
 * <p>Verbatim spans ({@link dev.modelfactory.app.attribution.SpanIndexService}): a suffix-array index of a
 * dataset version's training rows, tokenised with the model's tokenizer and kept under
 * {@code indexes/spans/}, answers which spans of an output occur verbatim in which rows, and how often.
 *
 * <p>Retrieval: {@link dev.modelfactory.app.attribution.RetrievalService} indexes a frozen dataset version
 * for BM25 retrieval (ledger.retrieval, ADR 0011) and answers queries with the rows, their scores and
 * contributors; the playground's grounded generation cites what it retrieved.
 *
 * <p>The Attribution page's backend ({@link dev.modelfactory.app.attribution.WorkspaceProvenanceBackend})
 * combines the three for one output of one adapter and stores signed OutputAttribution records.
 */
package dev.modelfactory.app.attribution;
