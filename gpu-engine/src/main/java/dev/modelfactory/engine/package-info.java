/**
 * The engine: tensors, compute backends behind one seam, Llama-family models, model and adapter formats,
 * tokenizers, generation and training. Knows nothing of the ledger, the studio or JavaFX; reports
 * progress through plain listeners.
 */
package dev.modelfactory.engine;
