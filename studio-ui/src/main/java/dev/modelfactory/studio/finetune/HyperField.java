package dev.modelfactory.studio.finetune;

import java.util.List;

/**
 * One field of the hyperparameter form: its key as the canonical config spells it ("learning_rate"; LoRA
 * fields under "lora."; "method" chooses LoRA or full fine-tuning), a label, a one-line explanation, the
 * valid range, and its choices when it is a choice.
 */
public record HyperField(String key, String label, String help, String range, boolean basic, List<String> choices) {

    public HyperField {
        choices = List.copyOf(choices);
    }

    static HyperField number(String key, String label, String help, String range, boolean basic) {
        return new HyperField(key, label, help, range, basic, List.of());
    }

    static HyperField choice(String key, String label, String help, boolean basic, String... choices) {
        return new HyperField(key, label, help, String.join(" / ", choices), basic, List.of(choices));
    }

    /** The node id suffix: "learning_rate", "lora-rank". */
    public String idPart() {
        return key.replace('.', '-');
    }

    public boolean lora() {
        return key.startsWith("lora.");
    }

    /** Every field, basic ones first, in form order. */
    public static final List<HyperField> ALL = List.of(
            choice("method", "Method", "LoRA trains small adapters beside frozen weights; full trains every weight",
                    true, "lora", "full"),
            number("learning_rate", "Learning rate", "Peak step size of AdamW; LoRA usually 1e-4 to 3e-4",
                    "> 0", true),
            number("epochs", "Epochs", "Passes over the training rows (ignored when max steps > 0)", ">= 1", true),
            number("max_steps", "Max steps", "Optimiser steps in all; 0 runs the epochs instead", ">= 0", true),
            number("batch_size", "Batch size", "Rows per micro-batch", ">= 1", true),
            number("grad_accum", "Gradient accumulation", "Micro-batches summed into one optimiser step", ">= 1", true),
            number("seq_len", "Sequence length", "Tokens per row; longer rows are cut or dropped", ">= 2", true),
            number("lora.rank", "LoRA rank", "Width of the adapter matrices: capacity and memory", ">= 1", true),
            number("lora.alpha", "LoRA alpha", "Adapter scale; the update is scaled by alpha / rank", "> 0", true),
            new HyperField("lora.targets", "LoRA targets", "Projections that get adapters (comma separated)",
                    "q k v o gate up down", true, List.of()),
            choice("schedule", "Schedule", "How the learning rate moves after warm-up", false,
                    "constant", "linear", "cosine"),
            number("warmup_steps", "Warm-up steps", "Steps rising linearly to the peak learning rate", ">= 0", false),
            number("weight_decay", "Weight decay", "AdamW's decoupled decay of trainable weights", ">= 0", false),
            number("lora.dropout", "LoRA dropout", "Dropout on the adapter input while training", "[0, 1)", false),
            choice("lora.rs_lora", "rsLoRA", "Scale by alpha / sqrt(rank): steadier at high ranks", false,
                    "false", "true"),
            number("max_grad_norm", "Gradient clipping", "Clip the gradient norm to this; 0 turns it off",
                    ">= 0", false),
            number("explode_grad_norm", "Explosion stop", "Stop the run if the gradient norm exceeds this; 0: off",
                    ">= 0", false),
            number("eval_every", "Eval every", "Validation loss every N steps; 0 at the end only", ">= 0", false),
            number("checkpoint_every", "Checkpoint every", "Save a resumable checkpoint every N steps; 0: at the end",
                    ">= 0", false),
            number("sample_every", "Sample every", "Greedy answers to fixed prompts of the eval split every N steps;"
                    + " 0: off", ">= 0", false),
            number("sample_count", "Sample prompts", "How many eval-split prompts each sample answers", "[1, 32]",
                    false),
            number("keep_checkpoints", "Keep checkpoints", "How many recent checkpoints stay on disk", ">= 1", false),
            choice("packing", "Packing", "Pack several short rows into one sequence (attention kept per row)",
                    false, "true", "false"),
            choice("truncation", "Truncation", "Rows longer than the sequence: keep their start or drop them",
                    false, "keep_start", "drop"),
            number("seed", "Seed", "Seeds data order, dropout and adapter init: same seed, same run", "any integer",
                    false),
            number("beta1", "Adam beta1", "Decay of the gradient's running mean", "[0, 1)", false),
            number("beta2", "Adam beta2", "Decay of the squared gradient's running mean", "[0, 1)", false),
            number("eps", "Adam epsilon", "Added to the denominator for stability", "> 0", false));
}
