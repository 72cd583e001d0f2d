package dev.modelfactory.app.cli.train;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.handoff.BundleRequest;
import dev.modelfactory.app.handoff.BundleSummary;
import dev.modelfactory.app.handoff.JobBundleExport;
import dev.modelfactory.app.handoff.Provenance;
import dev.modelfactory.app.handoff.TrainerFormat;
import dev.modelfactory.app.handoff.Unmapped;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelfactory train export}: a job bundle for a cluster trainer (docs/handoff.md). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a job bundle for LLaMA-Factory or Axolotl: the dataset version's rows allowed for"
                + " training in the trainer's format, a trainer config with the same hyperparameters, provenance.json"
                + " and a README with the launch commands.",
            "Studio fields the trainer cannot express are listed (unmapped), never dropped silently."})
public final class TrainExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "llamafactory|axolotl", description = "The trainer.")
    private String format;

    @Option(names = "--model", paramLabel = "M", description = "Imported model (name or id prefix) or a GGUF file / HF folder.")
    private String model;

    @Option(names = "--dataset", paramLabel = "NAME[@VERSION]", description = "Dataset and frozen version (default: latest).")
    private String dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The bundle folder (must not exist).")
    private Path out;

    @Option(names = "--trainer-model", paramLabel = "PATH_OR_HUB_ID",
            description = "The base model as the cluster loads it (default: this workstation's path).")
    private String trainerModel;

    @Mixin
    private TrainConfigOptions options;

    @Override
    public Integer call() throws Exception {
        RootCommand root = (RootCommand) spec.root().userObject();
        if (model == null || model.isBlank()) {
            throw new BadInputException("--model: required (an imported model's name or id, or a GGUF file / HF folder)");
        }
        if (dataset == null || dataset.isBlank()) {
            throw new BadInputException("--dataset: required (NAME or NAME@VERSION)");
        }
        BundleRequest request;
        try {
            TrainingConfig config = options.config();
            request = BundleRequest.builder().model(model).dataset(DatasetRef.parse(dataset)).config(config)
                    .format(parseFormat()).out(out).trainerModel(trainerModel).build();
        } catch (TrainingInputException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(TrainCommand.flagName(e.getMessage()), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true); // Ctrl+C: the export removes its temp folder, then the JVM may end
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "train-export-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        BundleSummary s;
        try (Workspace ws = WorkspaceCommands.open(root)) {
            s = new JobBundleExport(ws).export(request, (done, total) -> {
                err.printf("rows read: %d / %d%n", done, total);
                err.flush();
            }, stop::get);
        } catch (TrainingInputException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (CancellationException e) {
            err.println("Stopped: nothing was written.");
            return ExitCodes.FAILED;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is waiting for us
            }
        }
        new Output(spec.commandLine().getOut(), root.json()).result(json(s), text(s));
        return ExitCodes.OK;
    }

    private TrainerFormat parseFormat() {
        try {
            return TrainerFormat.parse(format);
        } catch (TrainingInputException e) {
            throw new BadInputException("--" + e.getMessage(), e);
        }
    }

    private static Map<String, Object> json(BundleSummary s) {
        Provenance p = s.provenance();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("folder", s.folder().toString());
        m.put("trainer", p.trainer());
        m.put("trainerConfig", p.trainerConfigFile());
        m.put("configSha256", p.config().sha256());
        m.put("dataset", p.dataset().name());
        m.put("versionRoot", p.dataset().versionRoot());
        m.put("trainRows", p.dataset().trainRows());
        m.put("validationRows", p.dataset().validationRows());
        m.put("excludedNotAllowedForTraining", p.dataset().excludedNotAllowedForTraining());
        m.put("testRowsHeldOut", p.dataset().testRowsHeldOut());
        m.put("skippedByFormat", p.dataset().skippedByFormatRows());
        m.put("unmapped", p.unmapped());
        m.put("warnings", p.warnings());
        m.put("launch", s.launch());
        return m;
    }

    private static String text(BundleSummary s) {
        Provenance p = s.provenance();
        StringBuilder b = new StringBuilder();
        b.append("Job bundle for ").append(p.trainer()).append(" written to ").append(s.folder()).append('\n');
        b.append(p.dataset().trainRows()).append(" training rows, ").append(p.dataset().validationRows())
                .append(" validation rows; left out: ").append(p.dataset().excludedNotAllowedForTraining())
                .append(" not allowed for training, ").append(p.dataset().testRowsHeldOut()).append(" test rows held out, ")
                .append(p.dataset().skippedByFormatRows()).append(" the format cannot express\n");
        for (Unmapped u : p.unmapped()) {
            b.append("unmapped: ").append(u.field()).append(" = ").append(u.value()).append(": ").append(u.reason())
                    .append('\n');
        }
        for (String w : p.warnings()) {
            b.append("warning: ").append(w).append('\n');
        }
        b.append("Launch (from the bundle folder): ").append(s.launch());
        return b.toString();
    }
}
