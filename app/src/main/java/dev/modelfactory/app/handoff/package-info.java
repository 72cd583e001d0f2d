/**
 * Handing a fine-tune to a cluster trainer and taking the result back (docs/handoff.md): a job bundle
 * ({@link dev.modelfactory.app.handoff.JobBundleExport}: the dataset version's allowed rows in the trainer's
 * format, a LLaMA-Factory or Axolotl config whose hyperparameters equal the studio config's, provenance.json
 * and a README with launch commands), the import of the trainer's PEFT adapter and {@code trainer_state.json}
 * as a run with curves ({@link dev.modelfactory.app.handoff.ResultImport}), and the export of adapters for
 * multi-LoRA servers ({@link dev.modelfactory.app.handoff.ServingExport}). The studio config is the source
 * of truth: a field a trainer cannot express is reported ({@link dev.modelfactory.app.handoff.Unmapped}),
 * never dropped silently.
 */
package dev.modelfactory.app.handoff;
