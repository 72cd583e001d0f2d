/**
 * Optimisation: {@link dev.modelfactory.engine.train.optim.AdamW} (decoupled weight decay, bias
 * correction, state per parameter that a checkpoint can save and restore), global-norm gradient clipping
 * ({@link dev.modelfactory.engine.train.optim.GradientClipping}) and learning-rate schedules with linear
 * warmup ({@link dev.modelfactory.engine.train.optim.LrSchedule}), all defined as PyTorch and Transformers
 * define them so a run here means what the same settings mean there.
 */
package dev.modelfactory.engine.train.optim;
