/**
 * The Datasets page's catalog over the workspace's dataset store: adapts the page's calls (background-task
 * progress and cancel, CSV headers for the column mapping) to {@link dev.modelfactory.ledger.store.dataset.DatasetStore}.
 */
package dev.modelfactory.app.datasets;
