/**
 * Gradient influence of training rows on an output, through a LoRA adapter's gradients.
 *
 * <p>Shape of the pipeline: {@link dev.modelfactory.engine.attribution.influence.SketchLayout} groups the
 * trainable parameters into modules (one per layer x LoRA target: its A and B together) and gives each a
 * number of sketch dimensions; {@link dev.modelfactory.engine.attribution.influence.CountSketch} projects a
 * module's gradient onto them with a seeded hash (no dense matrix); {@link
 * dev.modelfactory.engine.attribution.influence.ExampleGradients} runs one example through the model's
 * forward/backward and sketches its per-token-mean loss gradient; {@link
 * dev.modelfactory.engine.attribution.influence.SketchStore} keeps one memory-mapped [rows x dims] float
 * file per checkpoint plus a JSON manifest; {@link dev.modelfactory.engine.attribution.influence.InfluenceScorer}
 * scores every row against a query's sketches (TracIn or DataInf); {@link
 * dev.modelfactory.engine.attribution.influence.ContributorShares} turns positive influence into basis points.
 *
 * <p>Sign convention everywhere: a positive score means a gradient step on the row lowers the query's loss,
 * i.e. the row pushed the model toward the query's output.
 */
package dev.modelfactory.engine.attribution.influence;
