/**
 * Training runs kept in the workspace: what was trained from what (model hash, dataset version root,
 * canonical config and its hash, seed, engine version), how it ended, the adapter it produced, and its
 * metric curves, so the studio's charts and the attribution records survive restarts.
 */
package dev.modelfactory.ledger.store.run;
