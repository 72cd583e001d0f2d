package dev.modelfactory.app.cli;

import dev.modelfactory.app.models.ModelImporter;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.ledger.store.ImportMode;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code modelfactory model import PATH}: register a model by content hash, copied or referenced. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a GGUF file or a Hugging Face folder: read its headers, copy it into the workspace "
                + "(default) or reference it in place (--reference), and register it by content hash.")
public final class ModelImportCommand implements Callable<Integer> {

    @ParentCommand
    private ModelCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "A .gguf file or a Hugging Face model folder.")
    private Path path;

    @Option(names = "--reference", description = "Leave the files where they are instead of copying them.")
    private boolean reference;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the model's own name).")
    private String name;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        if (!Files.exists(path)) {
            throw new BadInputException(path + ": no such file or folder");
        }
        PrintWriter err = spec.commandLine().getErr();
        ProgressListener progress = root.json() ? ProgressListener.NONE : new ProgressListener() {
            private long lastPercent = -1;

            @Override
            public void onProgress(long done, long total) {
                long percent = total > 0 ? done * 100 / total : -1;
                if (percent >= 0 && percent / 10 != lastPercent / 10) {
                    lastPercent = percent;
                    err.printf("copying %s: %d%%%n", path.getFileName(), percent);
                    err.flush();
                }
            }
        };
        try (Workspace ws = WorkspaceCommands.open(root)) {
            ModelRecord m = ModelImporter.importModel(ws, path, reference ? ImportMode.REFERENCE : ImportMode.COPY,
                    Optional.ofNullable(name), progress, CancellationToken.NONE);
            new Output(spec.commandLine().getOut(), root.json()).result(ModelText.json(m),
                    "Imported " + m.name() + " as " + m.shortId() + "\n" + ModelText.details(m));
            return ExitCodes.OK;
        } catch (ModelFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
