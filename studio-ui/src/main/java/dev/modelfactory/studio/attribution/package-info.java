/**
 * The Attribution page: the ledger log's records grouped by contributor or type with verification
 * badges, a record's details, "verify ledger", attesting a frozen dataset version and claiming a
 * contributor's records (each record signed through the signing dialog), and the sealed batches with
 * their anchoring status. The app implements {@link dev.modelfactory.studio.attribution.AttributionLedger}
 * over the ledger's {@code LedgerLog}, {@code DatasetAttestations} and {@code Anchoring}.
 */
package dev.modelfactory.studio.attribution;
