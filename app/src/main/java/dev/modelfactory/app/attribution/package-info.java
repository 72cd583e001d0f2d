/**
 * Attribution of an adapter's outputs to the training rows and contributors that shaped them.
 *
 * <p>Gradient influence ({@link dev.modelfactory.app.attribution.InfluenceService}): after a LoRA run
 * finishes, {@code sketchRun} stores per-row gradient sketches with the run ({@code runs/N/influence/}:
 * one mapped float file per kept checkpoint plus {@code influence.json}); {@code attribute} scores every
 * row's influence on a prompt and output (TracIn or DataInf) and returns the top rows and per-contributor
 * shares in basis points, ready for a ledger {@code OutputAttribution}. Other kinds of evidence (verbatim
 * spans, retrieval citations) live beside it in this package.
 */
package dev.modelfactory.app.attribution;
