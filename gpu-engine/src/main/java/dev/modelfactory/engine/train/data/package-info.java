/**
 * Training data: {@link dev.modelfactory.engine.train.data.Conversation}s (the input the app feeds from a
 * dataset version; the engine knows nothing of the ledger) rendered with the model's chat template
 * ({@link dev.modelfactory.engine.train.data.ChatFormat}, ChatML built in), tokenised with the loss on
 * response tokens only ({@link dev.modelfactory.engine.train.data.ExampleEncoder}), fitted to the sequence
 * length, then shuffled per epoch from the run seed and packed into
 * {@link dev.modelfactory.engine.train.TrainingBatch}es ({@link dev.modelfactory.engine.train.data.BatchStream})
 * whose {@link dev.modelfactory.engine.train.data.DataPosition} a checkpoint saves and restores.
 */
package dev.modelfactory.engine.train.data;
