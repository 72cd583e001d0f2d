/**
 * The Fine-tune page: choose a base model and a frozen dataset version, see one real training example
 * with its loss mask, set the hyperparameters (validated live by the engine's own TrainingConfig parser,
 * the reason next to the field), see the plan, save / load the config as YAML, copy the equivalent
 * {@code ./modelfactory train} line, and queue runs.
 */
package dev.modelfactory.studio.finetune;
