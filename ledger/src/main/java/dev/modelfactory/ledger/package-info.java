/**
 * The ledger: the workspace store, datasets and curation, the wallet, attribution records and the
 * hash-chained log. Knows nothing of the engine, the studio or JavaFX.
 */
package dev.modelfactory.ledger;
