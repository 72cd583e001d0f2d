/**
 * The training loop: {@link dev.modelfactory.engine.train.loop.Trainer} drives a
 * {@link dev.modelfactory.engine.train.TrainableModel} through epochs of packed batches with gradient
 * accumulation, clipping, AdamW and a warmup schedule; evaluates; reports
 * {@link dev.modelfactory.engine.train.loop.StepMetrics} to a listener; can be paused and cancelled
 * ({@link dev.modelfactory.engine.train.loop.TrainingControl}); stops on divergence; checkpoints atomically
 * and resumes bit-exactly (see the checkpoint package for the files). A run is defined by a
 * {@link dev.modelfactory.engine.train.loop.TrainingConfig} whose canonical JSON and sha256 the run record
 * signs.
 */
package dev.modelfactory.engine.train.loop;
