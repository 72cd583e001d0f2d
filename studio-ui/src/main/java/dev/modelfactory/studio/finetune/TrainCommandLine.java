package dev.modelfactory.studio.finetune;

import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.studio.training.RunRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ./modelfactory train} line that runs the same config. The command's defaults are
 * Transformers' plus lr 2e-4 (1e-3 with --full), eval and checkpoint every 50 steps, LoRA q,v rank 8
 * alpha 16; its flags cover lr, epochs, steps, batch, accumulation, length, seed, eval / checkpoint
 * interval, the LoRA shape, a built-in chat template, the splits and the sample cadence. When the config differs from that in anything else (schedule, warm-up,
 * decay, ...), the line also takes {@code --config FILE.yaml}: save the config there first.
 */
public final class TrainCommandLine {

    private TrainCommandLine() {
    }

    /** Whether the flags alone reproduce the config (no --config file needed). */
    public static boolean flagsSuffice(TrainingConfig c) {
        return flagsOnly(c).canonicalJson().equals(c.canonicalJson());
    }

    /** The command; {@code yamlFile} is used for --config when the flags do not suffice. */
    public static String of(RunRequest r, String yamlFile) {
        TrainingConfig c = r.config();
        List<String> a = new ArrayList<>(List.of("./modelfactory", "train", "--model", quote(r.model()),
                "--dataset", quote(r.datasetRef())));
        if (!flagsSuffice(c)) {
            a.addAll(List.of("--config", quote(yamlFile)));
        }
        if (c.lora() == null) {
            a.add("--full");
        } else {
            a.addAll(List.of("--rank", Integer.toString(c.lora().rank()), "--alpha", num(c.lora().alpha()),
                    "--targets", String.join(",", c.lora().targets().stream().sorted()
                            .map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).toList())));
            if (c.lora().dropout() != 0) {
                a.addAll(List.of("--dropout", num(c.lora().dropout())));
            }
        }
        a.addAll(List.of("--lr", num(c.learningRate()), "--epochs", Integer.toString(c.epochs())));
        if (c.maxSteps() > 0) {
            a.addAll(List.of("--max-steps", Integer.toString(c.maxSteps())));
        }
        a.addAll(List.of("--batch", Integer.toString(c.batchSize()), "--grad-accum", Integer.toString(c.gradAccum()),
                "--seq-len", Integer.toString(c.seqLen()), "--seed", Long.toString(c.seed()),
                "--eval-every", Integer.toString(c.evalEvery()), "--checkpoint-every",
                Integer.toString(c.checkpointEvery())));
        if (isName(c.chatTemplate())) {
            a.addAll(List.of("--chat-template", c.chatTemplate()));
        }
        if (!c.trainSplits().equals(TrainingConfig.DEFAULT_TRAIN_SPLITS)) {
            a.addAll(List.of("--train-split", String.join(",", c.trainSplits())));
        }
        if (!c.evalSplit().equals(TrainingConfig.DEFAULT_EVAL_SPLIT)) {
            a.addAll(List.of("--eval-split", c.evalSplit()));
        }
        if (c.sampleEvery() > 0) {
            a.addAll(List.of("--sample-every", Integer.toString(c.sampleEvery()), "--sample-count",
                    Integer.toString(c.sampleCount())));
        }
        r.name().ifPresent(n -> a.addAll(List.of("--name", quote(n))));
        r.trackTags().forEach(t -> a.addAll(List.of("--track-tag", quote(t))));
        return String.join(" ", a);
    }

    /** What the command builds from its defaults and these flags alone (mirrors TrainCommand.config()). */
    static TrainingConfig flagsOnly(TrainingConfig c) {
        boolean full = c.lora() == null;
        TrainingConfig.Builder b = TrainingConfig.builder().learningRate(c.learningRate()).epochs(c.epochs())
                .maxSteps(c.maxSteps()).batchSize(c.batchSize()).gradAccum(c.gradAccum()).seqLen(c.seqLen())
                .seed(c.seed()).evalEvery(c.evalEvery()).checkpointEvery(c.checkpointEvery())
                .chatTemplate(isName(c.chatTemplate()) ? c.chatTemplate() : null).trainSplits(c.trainSplits())
                .evalSplit(c.evalSplit()).sampleEvery(c.sampleEvery())
                .sampleCount(c.sampleEvery() > 0 ? c.sampleCount() : TrainingConfig.builder().build().sampleCount());
        if (!full) {
            LoraConfig l = c.lora();
            b.lora(new LoraConfig(l.targets(), l.rank(), l.alpha(), l.dropout(), false));
        }
        return b.build();
    }

    /** A built-in format's name (Jinja text goes through --config; it always has braces). */
    private static boolean isName(String template) {
        return template != null && template.matches("[a-z0-9_]+");
    }

    private static String num(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Single-quotes a word for a POSIX shell when it holds anything but safe characters. */
    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./@:=+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
