/**
 * Curation checks on single rows, without any storage: PII detectors with matched spans (email, phone,
 * card numbers validated with Luhn, IBANs validated with mod-97, IP addresses, API-key-like secrets),
 * empty / truncated reply and mostly-non-text heuristics, token counting through a caller-supplied
 * {@link dev.modelfactory.ledger.dataset.check.TokenCounter}, and MinHash signatures with LSH banding
 * for near-duplicate search.
 *
 * <p>Why a package of its own: these are pure functions over strings, tested with known answers; the
 * store ({@code ledger.store.dataset.check}) streams rows through them and keeps the results as
 * {@link dev.modelfactory.ledger.dataset.check.RowFlag} bits and spans in the workspace database.
 */
package dev.modelfactory.ledger.dataset.check;
