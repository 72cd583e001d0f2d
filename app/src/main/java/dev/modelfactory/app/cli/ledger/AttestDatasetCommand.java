package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.log.DatasetAttestations;
import dev.modelfactory.ledger.store.AmbiguousReferenceException;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attest dataset NAME@VERSION}: a DataContribution per contributor and a DatasetVersion record. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Attest a frozen dataset version: one DataContribution per contributor (with the Merkle root of "
                + "their rows) and one DatasetVersion, signed as curator.")
public final class AttestDatasetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AttestSupport support;

    @Parameters(paramLabel = "NAME@VERSION", description = "Dataset name and version root prefix (or 'latest').")
    private String target;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        int at = target.lastIndexOf('@');
        if (at <= 0 || at == target.length() - 1) {
            throw new BadInputException("expected NAME@VERSION (a version root prefix of 6+ hex digits, or latest), got '"
                    + target + "'");
        }
        String name = target.substring(0, at);
        String ref = target.substring(at + 1);
        try (Workspace ws = WorkspaceCommands.open(root)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = store.findByName(name).orElseThrow(() -> new BadInputException("no dataset named '" + name + "'"));
            DatasetVersion v;
            try {
                List<DatasetVersion> all = store.versions(ds.id());
                v = ref.equals("latest") ? all.stream().reduce((a, b) -> b).orElseThrow(() ->
                        new BadInputException("dataset '" + name + "' has no frozen version"))
                        : store.version(ds.id(), ref).orElseThrow(() -> new BadInputException(
                                "dataset '" + name + "' has no version '" + ref + "'"));
            } catch (AmbiguousReferenceException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            DatasetVersion version = v;
            return support.run(ws, curator -> DatasetAttestations.forVersion(store, ds, version, curator,
                    ProgressListener.NONE, CancellationToken.NONE), new Output(spec.commandLine().getOut(), root.json()),
                    spec.commandLine().getErr());
        }
    }
}
