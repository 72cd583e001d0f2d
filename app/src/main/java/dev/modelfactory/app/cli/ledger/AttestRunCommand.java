package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.attribution.TrainingRun;
import dev.modelfactory.ledger.store.Workspace;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attest run}: a TrainingRun record from the hashes of what the run used and made. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Attest a training run by the hashes of its base model, dataset version, config, adapter and metrics.")
public final class AttestRunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AttestSupport support;

    @Option(names = "--base-model", required = true, paramLabel = "SHA256", description = "The base model's id.")
    private String baseModel;

    @Option(names = "--dataset-version", required = true, paramLabel = "ROOT", description = "The dataset version root.")
    private String datasetVersion;

    @Option(names = "--config-hash", required = true, paramLabel = "HASH", description = "Hash of the training config.")
    private String configHash;

    @Option(names = "--adapter-hash", required = true, paramLabel = "HASH", description = "Hash of the adapter produced.")
    private String adapterHash;

    @Option(names = "--metrics-hash", required = true, paramLabel = "HASH", description = "Hash of the recorded metrics.")
    private String metricsHash;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            return support.run(ws, trainer -> List.of(new TrainingRun(baseModel, datasetVersion, configHash, adapterHash,
                    trainer, metricsHash)), new Output(spec.commandLine().getOut(), root.json()), spec.commandLine().getErr());
        }
    }
}
