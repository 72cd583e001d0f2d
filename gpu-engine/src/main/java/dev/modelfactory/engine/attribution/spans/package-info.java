/**
 * Span evidence for attribution: which runs of an output's tokens occur verbatim in which training rows,
 * and how often (longest matches, as Infini-gram answers them).
 *
 * <p>A {@link dev.modelfactory.engine.attribution.spans.SpanCorpus} lays the tokenised documents (one per
 * message, each tied to its row) end to end with a separator after each; {@link
 * dev.modelfactory.engine.attribution.spans.SuffixArrays} sorts its suffixes by SA-IS in linear time;
 * {@link dev.modelfactory.engine.attribution.spans.SpanIndexFile} writes corpus and suffix array to one
 * checksummed file atomically and maps it back; {@link dev.modelfactory.engine.attribution.spans.SpanIndex}
 * answers queries by narrowing suffix-array intervals token by token. Pure algorithm and file format: no
 * tokenizer, no dataset store; the app supplies token ids and maps rows back to dataset rows.
 */
package dev.modelfactory.engine.attribution.spans;
