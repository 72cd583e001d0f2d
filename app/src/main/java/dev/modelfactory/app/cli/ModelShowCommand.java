package dev.modelfactory.app.cli;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.loader.ModelLoader;
import dev.modelfactory.engine.loader.ModelSummary;
import dev.modelfactory.ledger.store.AmbiguousReferenceException;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory model show MODEL}: an imported model, or any model file read in place. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show an imported model (by name or id prefix), or read a model file or folder's headers.")
public final class ModelShowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL_OR_PATH", description = "An imported model's name or id (prefix), or a path.")
    private String model;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        Output out = new Output(spec.commandLine().getOut(), root.json());
        if (isPath(model)) {
            try {
                ModelSummary s = ModelLoader.inspect(Path.of(model));
                out.result(s, summaryText(s));
                return ExitCodes.OK;
            } catch (ModelFormatException e) {
                throw new BadInputException(e.getMessage(), e);
            }
        }
        try (Workspace ws = WorkspaceCommands.open(root)) {
            ModelRecord m = ws.models().find(model).orElseThrow(() -> new BadInputException(model
                    + ": no such file, and no imported model by that name or id (see: modelfactory model list)"));
            out.result(ModelText.json(m), ModelText.details(m));
            return ExitCodes.OK;
        } catch (AmbiguousReferenceException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static boolean isPath(String s) {
        try {
            return Files.exists(Path.of(s));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String summaryText(ModelSummary s) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("name", s.name());
        rows.put("format", s.format().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        rows.put("architecture", s.architecture());
        rows.put("parameters", ModelText.count(s.parameterCount()) + " (" + s.parameterCount() + ")");
        rows.put("quantisation", s.quantisation());
        rows.put("context", s.contextLength() + " tokens");
        rows.put("layers", Integer.toString(s.layers()));
        rows.put("width", Integer.toString(s.dim()));
        rows.put("vocabulary", Integer.toString(s.vocabSize()));
        rows.put("size", ModelText.bytes(s.sizeBytes()));
        rows.put("location", s.location().toAbsolutePath().toString());
        StringBuilder b = new StringBuilder();
        rows.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%-14s%s%n", k, v)));
        return b.toString().stripTrailing();
    }
}
