package dev.modelfactory.app.cli.adapter;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.handoff.ServingExport;
import dev.modelfactory.app.handoff.ServingFormat;
import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.ledger.store.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code adapter export-serving}: adapters and a launch script for vLLM or LoRAX. */
@Command(name = "export-serving", mixinStandardHelpOptions = true,
        description = "Export adapters for a multi-LoRA server (vLLM --lora-modules, LoRAX local adapters) with a"
                + " launch.sh, so what was compared in the studio is what gets deployed.")
public final class AdapterServingCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "vllm|lorax")
    private String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write (must not exist).")
    private Path out;

    @Option(names = "--base", paramLabel = "NAME_OR_PATH",
            description = "The base model as the server loads it (default: the adapters' base_model_name_or_path).")
    private String base;

    @Parameters(arity = "1..*", paramLabel = "ADAPTER", description = "Run id (run:N), hash prefix or PEFT folder.")
    private List<String> adapters;

    @Override
    public Integer call() throws Exception {
        RootCommand root = (RootCommand) spec.root().userObject();
        ServingFormat f;
        try {
            f = ServingFormat.parse(format);
        } catch (TrainingInputException e) {
            throw new BadInputException("--" + e.getMessage(), e);
        }
        try (Workspace ws = WorkspaceCommands.open(root)) {
            AdapterCatalog catalog = new AdapterCatalog(ws);
            List<AdapterCatalog.Entry> entries = new ArrayList<>();
            ServingExport.Summary s;
            try {
                for (String ref : adapters) {
                    entries.add(catalog.find(ref));
                }
                s = ServingExport.write(entries, f, base, out);
            } catch (TrainingInputException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", true);
            m.put("folder", s.folder().toString());
            m.put("format", f.name().toLowerCase(java.util.Locale.ROOT));
            m.put("base", s.base());
            m.put("adapters", s.adapters().stream().map(e -> Map.of("name", e.name(), "sha256", e.sha256(),
                    "path", e.folder().toString())).toList());
            m.put("launch", s.folder().resolve("launch.sh").toString());
            new Output(spec.commandLine().getOut(), root.json()).result(m, "Wrote " + s.adapters().size()
                    + " adapter(s) and launch.sh to " + s.folder() + "\n\n" + s.launch());
            return ExitCodes.OK;
        }
    }
}
