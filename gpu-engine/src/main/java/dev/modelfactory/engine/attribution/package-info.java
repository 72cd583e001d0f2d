/**
 * Attribution: which training rows (and so which contributors) shaped what a trained model outputs.
 *
 * <p>{@link dev.modelfactory.engine.attribution.influence} scores rows by their gradients' influence on an
 * output (TracIn, DataInf) from compact per-row gradient sketches stored with a run. The engine knows rows
 * only as (id, hash, contributor) labels; the app maps them to dataset rows and ledger records.
 */
package dev.modelfactory.engine.attribution;
