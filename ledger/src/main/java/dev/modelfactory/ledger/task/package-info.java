/**
 * Plain progress and cancellation hooks for long-running ledger work (large blob writes, imports).
 *
 * <p>Why a package of its own: the studio drives engine and ledger work through one background-task
 * abstraction, but the ledger must not depend on the engine nor on JavaFX. These two tiny interfaces
 * are the whole contract; the studio adapts its task objects to them.
 */
package dev.modelfactory.ledger.task;
