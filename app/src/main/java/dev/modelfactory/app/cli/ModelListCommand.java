package dev.modelfactory.app.cli;

import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code modelfactory model list}: the workspace's imported models. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the models imported into the workspace.")
public final class ModelListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            List<ModelRecord> models = ws.models().list();
            List<Map<String, Object>> json = models.stream().map(ModelText::json).toList();
            String text = models.isEmpty()
                    ? "No models imported yet. Import one with: modelfactory model import PATH"
                    : ModelText.header() + "\n" + String.join("\n", models.stream().map(ModelText::row).toList());
            new Output(spec.commandLine().getOut(), root.json()).result(json, text);
            return ExitCodes.OK;
        }
    }
}
