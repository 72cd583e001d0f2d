/**
 * Evaluation kept in the workspace: named, versioned suites (canonical JSON of their tasks and its
 * content hash), evaluation runs (suite version, model hash, decoding, systems with their adapter hashes)
 * and every system's output and scores on every item, so a comparison is reproducible and reopening it
 * costs no evaluation. The ledger stores the JSON as given; the app encodes and decodes it.
 */
package dev.modelfactory.ledger.store.eval;
