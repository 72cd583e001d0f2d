package dev.modelfactory.app.cli.train;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.training.ChatTemplates;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The training config options {@code train} and {@code train export} share (a picocli mixin): defaults,
 * then the {@code --config} file, then the flags.
 */
public final class TrainConfigOptions {

    @Option(names = "--config", paramLabel = "FILE.yaml", description = "Training config (YAML or JSON; engine field names).")
    private Path config;

    @Option(names = "--rank", description = "LoRA rank (default 8).") private Integer rank;
    @Option(names = "--alpha", description = "LoRA alpha (default 2 x rank).") private Float alpha;
    @Option(names = "--dropout", description = "LoRA dropout (default 0).") private Float dropout;
    @Option(names = "--targets", split = ",", paramLabel = "q,v,...", description = "LoRA targets: q,k,v,o,gate,up,down (default q,v).")
    private List<String> targets;
    @Option(names = "--full", description = "Full fine-tuning: every weight trains (small models).") private boolean full;
    @Option(names = "--lr", description = "Peak learning rate (default 2e-4 for LoRA, 1e-3 full).") private Double lr;
    @Option(names = "--epochs", description = "Passes over the data (default 3).") private Integer epochs;
    @Option(names = "--max-steps", description = "Optimiser steps in all (overrides --epochs).") private Integer maxSteps;
    @Option(names = "--batch", description = "Rows per micro-batch (default 8).") private Integer batch;
    @Option(names = "--grad-accum", description = "Micro-batches per step (default 1).") private Integer gradAccum;
    @Option(names = "--seq-len", description = "Tokens per row (default 512).") private Integer seqLen;
    @Option(names = "--seed", description = "Seed of data order, dropout and LoRA init (default 42).") private Long seed;
    @Option(names = "--eval-every", description = "Validation loss every N steps (default 50; 0: at the end).") private Integer evalEvery;
    @Option(names = "--checkpoint-every", description = "Checkpoint every N steps (default 50; 0: at the end).") private Integer checkpointEvery;
    @Option(names = "--chat-template", paramLabel = "NAME|FILE", description = "Render rows with a built-in format"
            + " (chatml, llama3, mistral), a Jinja template file, or 'model' (default: the model's own template).")
    private String chatTemplate;
    @Option(names = "--train-split", split = ",", paramLabel = "SPLIT[,SPLIT]", description = "Splits to train on"
            + " (default train; rows without a split count as train).")
    private List<String> trainSplits;
    @Option(names = "--eval-split", paramLabel = "SPLIT", description = "Split of the eval loss and the sample prompts"
            + " (default validation).")
    private String evalSplit;
    @Option(names = "--sample-every", description = "Greedy answers to fixed eval-split prompts every N steps (default 0: off).")
    private Integer sampleEvery;
    @Option(names = "--sample-count", description = "Prompts answered per sample (default 3).") private Integer sampleCount;

    /** Defaults, then the file, then the flags. */
    public TrainingConfig config() {
        TrainingConfig.Builder b = TrainingConfig.builder().learningRate(full ? 1e-3 : 2e-4).evalEvery(50)
                .checkpointEvery(50).lora(full ? null : new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V), 8, 16f, 0f, false));
        TrainingConfig base = b.build();
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new BadInputException("--config " + config + ": no such file");
            }
            base = TrainConfigFile.read(config, base);
            if (full) {
                base = base.toBuilder().lora(null).build();
            }
        }
        TrainingConfig.Builder o = base.toBuilder();
        if (lr != null) o.learningRate(lr);
        if (epochs != null) o.epochs(epochs);
        if (maxSteps != null) o.maxSteps(maxSteps);
        if (batch != null) o.batchSize(batch);
        if (gradAccum != null) o.gradAccum(gradAccum);
        if (seqLen != null) o.seqLen(seqLen);
        if (seed != null) o.seed(seed);
        if (evalEvery != null) o.evalEvery(evalEvery);
        if (checkpointEvery != null) o.checkpointEvery(checkpointEvery);
        if (chatTemplate != null) o.chatTemplate(chatTemplate());
        if (trainSplits != null) o.trainSplits(trainSplits.stream().map(x -> x.strip().toLowerCase(Locale.ROOT)).toList());
        if (evalSplit != null) o.evalSplit(evalSplit.strip().toLowerCase(Locale.ROOT));
        if (sampleEvery != null) o.sampleEvery(sampleEvery);
        if (sampleCount != null) o.sampleCount(sampleCount);
        if (!full && (rank != null || alpha != null || targets != null || dropout != null)) {
            LoraConfig l = base.lora() == null ? new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V), 8, 16f, 0f, false)
                    : base.lora();
            int r = rank != null ? rank : l.rank();
            float a = alpha != null ? alpha : rank != null ? 2f * r : l.alpha();
            Set<LoraTarget> t = l.targets();
            if (targets != null) {
                t = new LinkedHashSet<>();
                for (String s : targets) {
                    t.add(LoraTarget.parse(s));
                }
            }
            o.lora(new LoraConfig(t, r, a, dropout != null ? dropout : l.dropout(), l.rsLora()));
        } else if (full && (rank != null || alpha != null || targets != null)) {
            throw new BadInputException("--full: trains every weight; --rank, --alpha and --targets apply to LoRA only");
        }
        return o.build();
    }

    /** A built-in's name, 'model' (null: the model's own), or a Jinja file's text. */
    private String chatTemplate() {
        String v = chatTemplate.strip();
        if (v.equals("model")) {
            return null;
        }
        if (ChatTemplates.isBuiltIn(v)) {
            return v;
        }
        Path file = Path.of(v);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--chat-template " + v + ": neither a built-in format (" + String.join(", ",
                    ChatTemplates.names()) + ", model) nor a template file");
        }
        try {
            return ChatTemplates.check(Files.readString(file));
        } catch (java.io.IOException e) {
            throw new BadInputException("--chat-template " + file + ": cannot read: " + e.getMessage(), e);
        } catch (TrainingInputException e) {
            throw new BadInputException("--chat-template " + file + ": " + e.getMessage(), e);
        }
    }
}
