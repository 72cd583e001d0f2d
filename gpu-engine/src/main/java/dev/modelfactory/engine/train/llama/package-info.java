/**
 * A trainable Llama-family decoder ({@link dev.modelfactory.engine.train.llama.TrainableLlama}) built from the
 * layers of {@code engine.train.layer}: LoRA on a frozen base or full fine-tuning, with the activation caching
 * and the backward pass of a whole step.
 */
package dev.modelfactory.engine.train.llama;
