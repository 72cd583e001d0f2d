/**
 * JDBC persistence of the attribution log (migration V10): entries, batches and imported entries, stored
 * exactly as given so that {@code ledger.log} can recompute and check every hash. The hashing and checking
 * live in {@code ledger.log}; this package only reads and writes rows, each write in one transaction.
 */
package dev.modelfactory.ledger.store.log;
