/**
 * The workspace store: the only place that touches JDBC, H2 and Flyway (an ArchUnit rule enforces it).
 *
 * <p>A workspace is a folder:
 * <pre>
 * workspace.lock        who holds the workspace (pid, host, since); OS-locked while open
 * workspace.mv.db       H2 database, schema migrated by Flyway from classpath:db/migration
 * blobs/sha256/ab/cd..  content-addressed files (dataset snapshots, adapters, checkpoints, models)
 * blobs/tmp/            blob writes in progress
 * </pre>
 *
 * <p>Entry points: {@link dev.modelfactory.ledger.store.WorkspaceLocator} finds the folder,
 * {@link dev.modelfactory.ledger.store.Workspace#open} opens it exclusively, and the open workspace
 * hands out its {@link dev.modelfactory.ledger.store.BlobStore}, its
 * {@link dev.modelfactory.ledger.store.Settings}, its {@link dev.modelfactory.ledger.store.ModelRegistry}
 * and, for the other store classes (this package and {@code ledger.store.dataset}),
 * {@link dev.modelfactory.ledger.store.Database}. Every write is atomic (temp file + rename, or one
 * transaction), and nothing here deletes what the user made.
 */
package dev.modelfactory.ledger.store;
