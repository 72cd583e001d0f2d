/**
 * The Attribution page: pick a model output (from the playground, a benchmark example, or pasted text) and
 * the adapter that produced it, then see whose training rows shaped it through three kinds of evidence
 * (influence through the adapter's gradients: top rows and contributor shares; spans of the output found
 * verbatim in rows; retrieval citations) and sign an {@code OutputAttribution} record through the wallet's
 * signing dialog. The app supplies the evidence through {@link dev.modelfactory.studio.provenance.ProvenanceBackend}.
 */
package dev.modelfactory.studio.provenance;
