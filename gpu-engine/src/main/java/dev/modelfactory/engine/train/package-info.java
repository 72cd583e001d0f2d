/**
 * Training: LoRA and full fine-tuning of Llama-family models on the engine.
 *
 * <p>The shared vocabulary of the training code: a {@link Parameter} is one trainable tensor with its
 * gradient; a {@link TrainableModel} turns a {@link TrainingBatch} into a loss and gradients; a
 * {@link LoraConfig} says which projections get adapters ({@link LoraTarget}) and how they are scaled.
 * Layer forward/backward pairs, the optimiser, schedules, checkpoints and the trainer loop build on these.
 */
package dev.modelfactory.engine.train;
