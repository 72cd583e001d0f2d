package dev.modelfactory.engine.train.loop;

import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.data.TruncationPolicy;
import dev.modelfactory.engine.train.optim.AdamWConfig;
import dev.modelfactory.engine.train.optim.ScheduleKind;

/**
 * Everything that decides what a run computes; its {@link TrainingConfigJson canonical JSON} and sha256 go
 * into the run record. Errors name the field as the JSON form spells it.
 *
 * <p>{@code maxSteps > 0} fixes the number of optimiser steps (the data repeats as needed; epochs are then
 * ignored), as in Transformers; else the run is {@code epochs} passes. One step takes {@code gradAccum}
 * micro-batches of {@code batchSize} rows, fewer at the end of an epoch. {@code maxGradNorm} 0 disables
 * clipping; {@code explodeGradNorm} 0 disables the explosion check; {@code evalEvery} 0 evaluates at the
 * end only; {@code checkpointEvery} 0 checkpoints at the end only. {@code lora} null means full
 * fine-tuning.
 *
 * <p>Data selection, recorded here so the config hash covers what was trained on and how it was rendered
 * (the trainer itself does not read these; the caller that reads and encodes the rows does):
 * {@code chatTemplate} null renders with the model's own template, else a built-in format's name or Jinja
 * text; {@code trainSplits} the dataset splits trained on (sorted), {@code evalSplit} the split of the eval
 * loss and of the sample prompts. {@code sampleEvery} 0 turns sample generations off; else every that many
 * steps (and at the end) the trainer reports greedy answers to {@code sampleCount} fixed prompts, at most
 * {@code sampleMaxTokens} tokens each ({@link Trainer.Builder#sampler}).
 */
public record TrainingConfig(double learningRate, ScheduleKind schedule, int warmupSteps, int epochs, int maxSteps,
        int batchSize, int gradAccum, int seqLen, boolean packing, TruncationPolicy truncation, long seed,
        double weightDecay, double beta1, double beta2, double eps, double maxGradNorm, double explodeGradNorm,
        int evalEvery, int checkpointEvery, int keepCheckpoints, LoraConfig lora, String chatTemplate,
        java.util.List<String> trainSplits, String evalSplit, int sampleEvery, int sampleCount, int sampleMaxTokens) {

    /** The default split names: train on "train", evaluate on "validation". */
    public static final java.util.List<String> DEFAULT_TRAIN_SPLITS = java.util.List.of("train");
    public static final String DEFAULT_EVAL_SPLIT = "validation";

    /** The shape before data selection and samples were recorded: the model's template, default splits, no samples. */
    public TrainingConfig(double learningRate, ScheduleKind schedule, int warmupSteps, int epochs, int maxSteps,
            int batchSize, int gradAccum, int seqLen, boolean packing, TruncationPolicy truncation, long seed,
            double weightDecay, double beta1, double beta2, double eps, double maxGradNorm, double explodeGradNorm,
            int evalEvery, int checkpointEvery, int keepCheckpoints, LoraConfig lora) {
        this(learningRate, schedule, warmupSteps, epochs, maxSteps, batchSize, gradAccum, seqLen, packing, truncation,
                seed, weightDecay, beta1, beta2, eps, maxGradNorm, explodeGradNorm, evalEvery, checkpointEvery,
                keepCheckpoints, lora, null, DEFAULT_TRAIN_SPLITS, DEFAULT_EVAL_SPLIT, 0, 3, 64);
    }

    public TrainingConfig {
        require(Double.isFinite(learningRate) && learningRate > 0, "learning_rate", "must be > 0, got " + learningRate);
        require(schedule != null, "schedule", "required (constant, linear or cosine)");
        require(warmupSteps >= 0, "warmup_steps", "must be >= 0, got " + warmupSteps);
        require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
        require(maxSteps >= 0, "max_steps", "must be >= 0 (0: run the epochs), got " + maxSteps);
        require(batchSize >= 1, "batch_size", "must be >= 1, got " + batchSize);
        require(gradAccum >= 1, "grad_accum", "must be >= 1, got " + gradAccum);
        require(seqLen >= 2, "seq_len", "must be >= 2, got " + seqLen);
        require(truncation != null, "truncation", "required (drop or keep_start)");
        require(Double.isFinite(weightDecay) && weightDecay >= 0, "weight_decay", "must be >= 0, got " + weightDecay);
        require(beta1 >= 0 && beta1 < 1, "beta1", "must be in [0, 1), got " + beta1);
        require(beta2 >= 0 && beta2 < 1, "beta2", "must be in [0, 1), got " + beta2);
        require(Double.isFinite(eps) && eps > 0, "eps", "must be > 0, got " + eps);
        require(Double.isFinite(maxGradNorm) && maxGradNorm >= 0, "max_grad_norm", "must be >= 0 (0: off), got " + maxGradNorm);
        require(Double.isFinite(explodeGradNorm) && explodeGradNorm >= 0, "explode_grad_norm",
                "must be >= 0 (0: off), got " + explodeGradNorm);
        require(evalEvery >= 0, "eval_every", "must be >= 0 (0: at the end only), got " + evalEvery);
        require(checkpointEvery >= 0, "checkpoint_every", "must be >= 0 (0: at the end only), got " + checkpointEvery);
        require(keepCheckpoints >= 1, "keep_checkpoints", "must be >= 1, got " + keepCheckpoints);
        require(chatTemplate == null || !chatTemplate.isBlank(), "chat_template",
                "must be a built-in format's name or Jinja text (null: the model's own)");
        require(trainSplits != null && !trainSplits.isEmpty(), "train_splits", "at least one split is required");
        trainSplits = trainSplits.stream().distinct().sorted().toList();
        for (String sp : trainSplits) {
            require(sp != null && sp.matches("[a-z][a-z0-9_]*"), "train_splits", "not a split name: '" + sp + "'");
        }
        require(evalSplit != null && evalSplit.matches("[a-z][a-z0-9_]*"), "eval_split",
                "not a split name: '" + evalSplit + "'");
        require(!trainSplits.contains(evalSplit), "eval_split", "'" + evalSplit + "' is also trained on; evaluate on"
                + " a split the run does not train on");
        require(sampleEvery >= 0, "sample_every", "must be >= 0 (0: off), got " + sampleEvery);
        require(sampleCount >= 1 && sampleCount <= 32, "sample_count", "must be in [1, 32], got " + sampleCount);
        require(sampleMaxTokens >= 1 && sampleMaxTokens <= 4096, "sample_max_tokens",
                "must be in [1, 4096], got " + sampleMaxTokens);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }

    public AdamWConfig adamW() {
        return new AdamWConfig(beta1, beta2, eps, weightDecay);
    }

    /** The canonical JSON form (sorted keys, stable numbers). */
    public String canonicalJson() {
        return TrainingConfigJson.canonical(this);
    }

    /** sha256 (hex) of {@link #canonicalJson()} in UTF-8: what the run record signs. */
    public String sha256() {
        return TrainingConfigJson.sha256(this);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(null);
    }

    /** Defaults: Transformers' TrainingArguments where it has one (lr 5e-5 is theirs; LoRA runs set 2e-4 or so). */
    public static final class Builder {
        private double learningRate = 5e-5;
        private ScheduleKind schedule = ScheduleKind.LINEAR;
        private int warmupSteps;
        private int epochs = 3;
        private int maxSteps;
        private int batchSize = 8;
        private int gradAccum = 1;
        private int seqLen = 512;
        private boolean packing = true;
        private TruncationPolicy truncation = TruncationPolicy.KEEP_START;
        private long seed = 42;
        private double weightDecay;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double maxGradNorm = 1.0;
        private double explodeGradNorm;
        private int evalEvery;
        private int checkpointEvery;
        private int keepCheckpoints = 2;
        private LoraConfig lora;
        private String chatTemplate;
        private java.util.List<String> trainSplits = DEFAULT_TRAIN_SPLITS;
        private String evalSplit = DEFAULT_EVAL_SPLIT;
        private int sampleEvery;
        private int sampleCount = 3;
        private int sampleMaxTokens = 64;

        private Builder(TrainingConfig c) {
            if (c != null) {
                learningRate = c.learningRate;
                schedule = c.schedule;
                warmupSteps = c.warmupSteps;
                epochs = c.epochs;
                maxSteps = c.maxSteps;
                batchSize = c.batchSize;
                gradAccum = c.gradAccum;
                seqLen = c.seqLen;
                packing = c.packing;
                truncation = c.truncation;
                seed = c.seed;
                weightDecay = c.weightDecay;
                beta1 = c.beta1;
                beta2 = c.beta2;
                eps = c.eps;
                maxGradNorm = c.maxGradNorm;
                explodeGradNorm = c.explodeGradNorm;
                evalEvery = c.evalEvery;
                checkpointEvery = c.checkpointEvery;
                keepCheckpoints = c.keepCheckpoints;
                lora = c.lora;
                chatTemplate = c.chatTemplate;
                trainSplits = c.trainSplits;
                evalSplit = c.evalSplit;
                sampleEvery = c.sampleEvery;
                sampleCount = c.sampleCount;
                sampleMaxTokens = c.sampleMaxTokens;
            }
        }

        // one-line setters: the field list reads as a table
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder schedule(ScheduleKind v) { schedule = v; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder maxSteps(int v) { maxSteps = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder gradAccum(int v) { gradAccum = v; return this; }
        public Builder seqLen(int v) { seqLen = v; return this; }
        public Builder packing(boolean v) { packing = v; return this; }
        public Builder truncation(TruncationPolicy v) { truncation = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder beta1(double v) { beta1 = v; return this; }
        public Builder beta2(double v) { beta2 = v; return this; }
        public Builder eps(double v) { eps = v; return this; }
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder explodeGradNorm(double v) { explodeGradNorm = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder keepCheckpoints(int v) { keepCheckpoints = v; return this; }
        public Builder lora(LoraConfig v) { lora = v; return this; }
        public Builder chatTemplate(String v) { chatTemplate = v; return this; }
        public Builder trainSplits(java.util.List<String> v) { trainSplits = v; return this; }
        public Builder evalSplit(String v) { evalSplit = v; return this; }
        public Builder sampleEvery(int v) { sampleEvery = v; return this; }
        public Builder sampleCount(int v) { sampleCount = v; return this; }
        public Builder sampleMaxTokens(int v) { sampleMaxTokens = v; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(learningRate, schedule, warmupSteps, epochs, maxSteps, batchSize, gradAccum, seqLen,
                    packing, truncation, seed, weightDecay, beta1, beta2, eps, maxGradNorm, explodeGradNorm, evalEvery,
                    checkpointEvery, keepCheckpoints, lora, chatTemplate, trainSplits, evalSplit, sampleEvery, sampleCount,
                    sampleMaxTokens);
        }
    }
}
