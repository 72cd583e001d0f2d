/**
 * Training runs: the one service the {@code train} CLI commands and the studio's Fine-tune and Training
 * pages both call ({@link dev.modelfactory.app.training.TrainingService}).
 *
 * <p>Shape of a run: {@code plan(request)} resolves the model (an imported model's name/id, or a path, which
 * is then registered by reference) and the dataset version ({@code NAME[@VERSION]}, latest frozen version by
 * default), counts rows and tokens, rows left out because their contributor did not allow TRAIN (and whose),
 * steps and a memory estimate. {@code start(request, listener)} records the run in the workspace's RunStore
 * and trains on a background thread; the returned {@link dev.modelfactory.app.training.RunHandle} pauses,
 * resumes, stops (final checkpoint and adapter kept) or cancels (checkpoint kept) it. Files of run N live
 * under {@code <workspace>/runs/N/}: {@code checkpoints/} (engine checkpoint layout, ADR 0005) and
 * {@code adapter/} (PEFT folder; its content hash is the run's adapter hash) or {@code model.gguf} for full
 * fine-tuning. {@code resume(runId, listener)} continues an INTERRUPTED or STOPPED run from its last
 * checkpoint and reaches the same result as a run that never stopped.
 *
 * <p>Only rows whose permission allows TRAIN are converted and encoded; the TEST split is never trained on
 * (it is what {@link dev.modelfactory.app.training.ExactMatch} scores).
 */
package dev.modelfactory.app.training;
