package dev.modelfactory.app.cli.train;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.training.ChatTemplates;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.app.training.TrainingPlan;
import dev.modelfactory.app.training.TrainingRequest;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.ledger.store.Workspace;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelfactory train}: a LoRA adapter (or, with --full, the whole model) on a frozen dataset version. */
@Command(name = "train", mixinStandardHelpOptions = true, subcommands = {TrainResumeCommand.class, TrainExportCommand.class, TrainCurvesCommand.class},
        description = {"Train a LoRA adapter (or the whole model with --full) on a dataset version: rows whose"
                + " contributor did not allow training are left out, the test split is held out.",
            "Flags override the --config file; progress goes to stderr. Ctrl+C stops with a checkpoint and the"
                    + " adapter so far (resume with: train resume RUN)."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", description = "Imported model (name or id prefix) or a GGUF file / HF folder.")
    private String model;

    @Option(names = "--dataset", paramLabel = "NAME[@VERSION]", description = "Dataset and frozen version (default: latest).")
    private String dataset;

    @Mixin
    private TrainConfigOptions options;

    @Option(names = "--threads", description = "Training threads (default: all processors).") private Integer threads;
    @Option(names = "--name", description = "Run name.") private String name;
    @Option(names = "--track-tag", paramLabel = "TAG", description = "Also keep a loss curve for the rows with this"
            + " tag (repeatable; see train curves RUN --by tag).") private java.util.List<String> trackTags = new java.util.ArrayList<>();
    @Option(names = "--plan", description = "Only show the plan (rows, exclusions, tokens, steps, memory).") private boolean planOnly;

    @Override
    public Integer call() throws Exception {
        RootCommand root = (RootCommand) spec.root().userObject();
        if (model == null || model.isBlank()) {
            throw new BadInputException("--model: required (an imported model's name or id, or a GGUF file / HF folder)");
        }
        if (dataset == null || dataset.isBlank()) {
            throw new BadInputException("--dataset: required (NAME or NAME@VERSION)");
        }
        TrainingRequest request;
        try {
            request = TrainingRequest.of(model, DatasetRef.parse(dataset), options.config())
                    .withThreads(threads == null ? Runtime.getRuntime().availableProcessors() : threads)
                    .withName(name).withTrackTags(trackTags);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(flagName(e.getMessage()), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        Output out = new Output(spec.commandLine().getOut(), root.json());
        try (Workspace ws = WorkspaceCommands.open(root)) {
            TrainingService service = new TrainingService(ws);
            try {
                TrainingPlan plan = service.plan(request);
                if (planOnly) {
                    out.result(TrainResults.plan(plan), TrainResults.planText(plan));
                    return ExitCodes.OK;
                }
                err.println(TrainResults.planText(plan));
                err.flush();
                return TrainRunner.runToEnd(service.start(request, new TrainProgressLines(err)), plan, out);
            } catch (TrainingInputException e) {
                throw new BadInputException(flagName(e.getMessage()), e);
            }
        }
    }

    /** Engine messages name JSON fields ({@code seq_len: ...}); say the flag too. */
    static String flagName(String message) {
        Map<String, String> flags = Map.ofEntries(Map.entry("learning_rate", "--lr"), Map.entry("epochs", "--epochs"),
                Map.entry("max_steps", "--max-steps"), Map.entry("batch_size", "--batch"),
                Map.entry("grad_accum", "--grad-accum"), Map.entry("seq_len", "--seq-len"), Map.entry("rank", "--rank"),
                Map.entry("alpha", "--alpha"), Map.entry("targets", "--targets"), Map.entry("dropout", "--dropout"),
                Map.entry("eval_every", "--eval-every"), Map.entry("checkpoint_every", "--checkpoint-every"),
                Map.entry("train_splits", "--train-split"), Map.entry("eval_split", "--eval-split"),
                Map.entry("chat_template", "--chat-template"), Map.entry("sample_every", "--sample-every"),
                Map.entry("sample_count", "--sample-count"), Map.entry("track_tags", "--track-tag"));
        String m = message == null ? "invalid setting" : message;
        int colon = m.indexOf(':');
        String field = colon > 0 ? m.substring(0, colon) : "";
        if (flags.containsKey(field)) {
            return flags.get(field) + " (" + field + ")" + m.substring(colon);
        }
        if (m.startsWith("unknown LoRA target")) {
            return "--targets: " + m;
        }
        return m;
    }
}
