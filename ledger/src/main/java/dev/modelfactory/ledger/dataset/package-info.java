/**
 * Datasets without storage: the canonical row model ({@link dev.modelfactory.ledger.dataset.Conversation}),
 * its content hashes ({@link dev.modelfactory.ledger.dataset.RowHash}), streaming parsers for the import
 * formats with line-precise rejects, format detection, deterministic splits and the Merkle root that
 * names a frozen version.
 *
 * <p>Nothing here touches JDBC (the store lives in {@code ledger.store.dataset}); everything here is
 * pure enough to be tested on byte arrays and temp files. Parsers push rows to a
 * {@link dev.modelfactory.ledger.dataset.RowSink} one at a time, so memory stays bounded by the
 * largest single record, never by the file.
 */
package dev.modelfactory.ledger.dataset;
