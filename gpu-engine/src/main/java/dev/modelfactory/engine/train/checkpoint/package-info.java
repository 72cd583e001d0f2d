/**
 * Training checkpoints, written atomically and read back verified.
 *
 * <p>On-disk layout of a run's checkpoint folder (also ADR 0005):
 * <pre>
 * &lt;run&gt;/checkpoints/
 *   checkpoint-00000120/             one per saved step, 8-digit zero-padded step
 *     trainable.safetensors          trainable parameters by name (PEFT keys for LoRA), F32, exact values
 *     optimizer.safetensors          AdamW moments: "&lt;name&gt;.exp_avg", "&lt;name&gt;.exp_avg_sq" (F32, flat);
 *                                    __metadata__ "step" = optimiser step count
 *     metrics.jsonl                  one JSON object per step so far (step, epoch, loss, eval_loss, lr, ...)
 *     checkpoint.json                written last: format 1, step, epoch + index (data position of the
 *                                    next batch), seed, config_sha256, optimizer_step, files {name: sha256}
 *   .tmp-checkpoint-00000130-XXXX/   a save in progress (or killed mid-way): ignored, removed on start
 * </pre>
 * A save fills a {@code .tmp-*} folder, syncs every file and the folder, then renames it to its final name
 * (atomic on one file system) and syncs the parent; the oldest checkpoints beyond the kept count are
 * deleted only after that. Reading checks the manifest's sha256 of every file, so a torn or edited
 * checkpoint is skipped in favour of the one before.
 *
 * <p>There is no other RNG state to save: data order comes from (seed, epoch) and dropout masks from
 * (seed, step, micro-batch), so the seed and the position restore both exactly.
 */
package dev.modelfactory.engine.train.checkpoint;
