/**
 * The Datasets page: import (format detection, preview, column mapping, contributor, licence and uses,
 * progress with rows/s and ETA, rejects with file and line), a rows table paged from the store (never all
 * rows in memory), a row detail that renders conversations as chat bubbles, bulk accept/reject, exact
 * duplicates, splits, frozen versions with their Merkle roots and diffs, per-use exclusions and charts.
 *
 * <p>The page only talks to {@link dev.modelfactory.studio.datasets.DatasetCatalog}, which the app implements
 * over the ledger's dataset store; values are the ledger's own dataset records. View models hold the state and
 * are tested without a stage; every catalog call runs off the FX thread.
 */
package dev.modelfactory.studio.datasets;
