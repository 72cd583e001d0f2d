package dev.modelfactory.app.cli.starter;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.starter.StarterBuild;
import dev.modelfactory.app.starter.StarterKit;
import dev.modelfactory.app.starter.StarterLocation;
import dev.modelfactory.app.starter.StarterProof;
import dev.modelfactory.app.starter.StarterSettings;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import java.util.EnumSet;
import dev.modelfactory.ledger.store.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The starter kit: a small base model trained by this engine plus demo datasets, all generated here. */
@Command(name = "starter", mixinStandardHelpOptions = true,
        description = "Rebuild the starter kit (corpus, tokenizer, pre-trained base model, demo datasets) or install"
                + " it into the workspace (model registered, datasets imported with contributors, licences and"
                + " permissions, split and frozen).")
public final class StarterCommand {

    @Spec
    private CommandSpec spec;

    private RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }

    @Command(name = "build", description = "Generate and pre-train the starter kit into --out (minutes).")
    int build(@Option(names = "--out", required = true, paramLabel = "DIR") Path out,
            @Option(names = "--seed", paramLabel = "N", description = "Corpus, init and data-order seed (default 2026).") Long seed,
            @Option(names = "--steps", paramLabel = "N", description = "Pre-training steps (default 2400).") Integer steps,
            @Option(names = "--threads", paramLabel = "N") Integer threads) throws Exception {
        StarterSettings s = StarterSettings.DEFAULT;
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (steps != null) {
            if (steps < 1) {
                throw new BadInputException("--steps: must be >= 1, got " + steps);
            }
            s = s.withSteps(steps);
        }
        PrintWriter err = spec.commandLine().getErr();
        StarterBuild.Result r = StarterBuild.build(out, s, threads == null ? Runtime.getRuntime().availableProcessors()
                : threads, line -> {
                    err.println(line);
                    err.flush();
                });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("model", r.model().toString());
        m.put("parameters", r.parameters());
        m.put("steps", r.steps());
        m.put("firstLoss", r.firstLoss());
        m.put("finalLoss", r.finalLoss());
        m.put("seconds", r.seconds());
        m.put("modelBytes", Files.size(r.model()));
        new Output(spec.commandLine().getOut(), root().json()).result(m, "Starter kit written to " + out + " (loss "
                + r.firstLoss() + " -> " + r.finalLoss() + " in " + Math.round(r.seconds()) + " s)");
        return ExitCodes.OK;
    }

    @Command(name = "install", description = "Install the starter kit from --from (default: the bundled kit, see"
            + " StarterLocation: -Dmodelfactory.starter.dir, $MODELFACTORY_STARTER, else assets/starter) into the workspace.")
    int install(@Option(names = "--from", paramLabel = "DIR") Path given) throws Exception {
        Path from = kit(given);
        if (!Files.isRegularFile(from.resolve(StarterBuild.MANIFEST))) {
            throw new BadInputException("--from " + from + ": no " + StarterBuild.MANIFEST + " (not a starter kit)");
        }
        try (Workspace ws = WorkspaceCommands.open(root())) {
            StarterKit.Installed i = new StarterKit(ws, from).install();
            new Output(spec.commandLine().getOut(), root().json()).result(i, "Installed the starter kit: model "
                    + i.modelId().substring(0, 12) + ", datasets " + String.join(", ", i.datasets()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "proof", description = "Train a LoRA adapter on a demo dataset and compare base and adapter by"
            + " greedy exact match on its held-out test split (install the kit first).")
    int proof(@Option(names = "--dataset", defaultValue = "numbers-in-words", paramLabel = "NAME") String dataset,
            @Option(names = "--max-steps", defaultValue = "400", paramLabel = "N") int maxSteps,
            @Option(names = "--lr", defaultValue = "5e-3") double lr,
            @Option(names = "--rank", defaultValue = "16") int rank,
            @Option(names = "--test-rows", defaultValue = "100", paramLabel = "N") int testRows) throws Exception {
        TrainingConfig c = TrainingConfig.builder().learningRate(lr).maxSteps(maxSteps).batchSize(16).seqLen(128)
                .warmupSteps(10).evalEvery(50).checkpointEvery(50).seed(1)
                .lora(new LoraConfig(EnumSet.allOf(LoraTarget.class), rank, 2f * rank, 0f, false)).build();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace ws = WorkspaceCommands.open(root())) {
            StarterProof.Result r = StarterProof.run(ws, StarterKit.MODEL_NAME, dataset, c, testRows,
                    new dev.modelfactory.app.cli.train.TrainProgressLines(err));
            new Output(spec.commandLine().getOut(), root().json()).result(r, String.format(java.util.Locale.ROOT,
                    "%s: exact match on %d test rows: base %.1f%%, adapter %.1f%% (run %d, %.0f s, loss %.4f)",
                    r.dataset(), r.testRows(), 100 * r.baseAccuracy(), 100 * r.adapterAccuracy(), r.runId(),
                    r.trainSeconds(), r.finalLoss()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", description = "Whether the starter kit is installed in the workspace.")
    int status(@Option(names = "--from", paramLabel = "DIR") Path given) throws Exception {
        Path from = kit(given);
        try (Workspace ws = WorkspaceCommands.open(root())) {
            boolean installed = new StarterKit(ws, from).isInstalled();
            new Output(spec.commandLine().getOut(), root().json()).result(Map.of("installed", installed),
                    installed ? "The starter kit is installed." : "The starter kit is not installed.");
            return ExitCodes.OK;
        }
    }

    /** The --from folder, else the bundled kit (StarterLocation); bad input when neither exists. */
    private static Path kit(Path given) {
        if (given != null) {
            return given;
        }
        return StarterLocation.find().orElseThrow(() -> new BadInputException("--from: no starter kit found (set "
                + StarterLocation.PROPERTY + " or $" + StarterLocation.ENV + ", or pass --from DIR)"));
    }
}
