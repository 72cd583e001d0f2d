package dev.modelfactory.ledger.store.dataset;

/** A row ready to insert: everything computed on the parsing thread, outside any transaction. */
record EncodedRow(String rowHash, String normHash, long normKey, String payload, int length, String contributor,
                  String tags, String sourceFile, long line, long record) {
}
