package dev.modelfactory.app.cli.adapter;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.engine.adapter.MergedExport;
import dev.modelfactory.engine.adapter.MergedWeights;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.safetensors.SafetensorsDType;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory adapter ...}: each subcommand is a method; input errors exit 2 naming what is wrong. */
@Command(name = "adapter", mixinStandardHelpOptions = true, subcommands = AdapterServingCommand.class,
        description = "PEFT LoRA adapters: list, show, inspect a folder, export, import (checked against the base"
                + " model) and merge into the base (safetensors folder or GGUF F16/Q8_0).")
public final class AdapterCommand {

    @Spec
    private CommandSpec spec;

    private RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }

    private Output out() {
        return new Output(spec.commandLine().getOut(), root().json());
    }

    @Command(name = "list", description = "Adapters of the workspace (trained by runs, imported).")
    int list() throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root())) {
            List<AdapterCatalog.Entry> all = new AdapterCatalog(ws).list();
            StringBuilder text = new StringBuilder(all.isEmpty() ? "No adapters yet." : "");
            for (AdapterCatalog.Entry e : all) {
                text.append(String.format(Locale.ROOT, "%s  %s  %s%n", e.hash().substring(0, 12),
                        e.runId() > 0 ? "run " + e.runId() : "imported", e.name()));
            }
            out().result(all.stream().map(AdapterCommand::entry).toList(), text.toString().strip());
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One adapter of the workspace: by run id, hash prefix or folder.")
    int show(@Parameters(paramLabel = "ADAPTER") String ref) throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root())) {
            AdapterCatalog.Entry e = input(() -> new AdapterCatalog(ws).find(ref));
            Map<String, Object> m = entry(e);
            m.putAll(describe(AdapterCatalog.load(e.folder())));
            out().result(m, text(m));
            return ExitCodes.OK;
        }
    }

    @Command(name = "inspect", description = "Read a PEFT adapter folder: rank, alpha, targets, layers, hash.")
    int inspect(@Parameters(paramLabel = "PATH") Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": no such folder");
        }
        PeftAdapter a = input(() -> AdapterCatalog.load(folder));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", folder.toString());
        m.putAll(describe(a));
        out().result(m, text(m));
        return ExitCodes.OK;
    }

    @Command(name = "import", description = {"Copy a PEFT folder into the workspace after checking it against the base model.",
        "With --from-run BUNDLE: a cluster trainer's output_dir (adapter + trainer_state.json) becomes a run with its"
                + " curves, checked against the job bundle it was trained from."})
    int importAdapter(@Parameters(paramLabel = "PATH") Path folder,
            @Option(names = "--model", paramLabel = "M", description = "The base model (imported name/id or path).") String model,
            @Option(names = "--from-run", paramLabel = "BUNDLE", description = "The job bundle (train export) it was trained from.") Path bundle,
            @Option(names = "--name", description = "Run name (with --from-run).") String name)
            throws Exception {
        if (bundle != null) {
            return AdapterFromRun.run(root(), out(), folder, bundle, name);
        }
        if (model == null) {
            throw new BadInputException("--model: required (the base model), or --from-run BUNDLE");
        }
        try (Workspace ws = WorkspaceCommands.open(root()); ModelFiles base = base(ws, model)) {
            AdapterCatalog.Entry e = input(() -> new AdapterCatalog(ws).importAdapter(folder, base));
            out().result(entry(e), "Imported adapter " + e.hash().substring(0, 12) + " into " + e.folder());
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", description = "Copy an adapter's PEFT folder out (for PEFT, vLLM, other studios).")
    int export(@Parameters(paramLabel = "ADAPTER") String ref,
            @Option(names = "--out", required = true, paramLabel = "DIR") Path target) throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root())) {
            AdapterCatalog.Entry e = input(() -> new AdapterCatalog(ws).find(ref));
            if (Files.exists(target)) {
                throw new BadInputException("--out " + target + ": already exists");
            }
            AdapterCatalog.load(e.folder()).save(target);
            out().result(Map.of("ok", true, "hash", e.hash(), "path", target.toString()), "Exported to " + target);
            return ExitCodes.OK;
        }
    }

    @Command(name = "merge", description = "Merge an adapter into its base and write the merged model.")
    int merge(@Parameters(paramLabel = "ADAPTER") String ref,
            @Option(names = "--model", required = true, paramLabel = "M") String model,
            @Option(names = "--out", required = true, paramLabel = "PATH") Path target,
            @Option(names = "--format", defaultValue = "gguf", description = "gguf or hf (safetensors folder).") String format,
            @Option(names = "--type", defaultValue = "f16", description = "gguf: f16, q8_0 or f32; hf: f16, bf16 or f32.") String type)
            throws Exception {
        if (Files.exists(target)) {
            throw new BadInputException("--out " + target + ": already exists");
        }
        try (Workspace ws = WorkspaceCommands.open(root()); ModelFiles base = base(ws, model)) {
            AdapterCatalog.Entry e = input(() -> new AdapterCatalog(ws).find(ref));
            PeftAdapter a = AdapterCatalog.load(e.folder());
            MergedWeights merged;
            try {
                merged = new MergedWeights(base.weights(), base.config(), a);
            } catch (RuntimeException x) {
                throw new BadInputException("adapter " + e.hash().substring(0, 12) + " does not fit --model " + model
                        + ": " + x.getMessage(), x);
            }
            switch (format.toLowerCase(Locale.ROOT)) {
                case "gguf" -> {
                    GgmlType t = switch (type.toLowerCase(Locale.ROOT)) {
                        case "f16" -> GgmlType.F16;
                        case "q8_0" -> GgmlType.Q8_0;
                        case "f32" -> GgmlType.F32;
                        default -> throw new BadInputException("--type " + type + ": GGUF export writes f16, q8_0 or f32");
                    };
                    var vocab = base.vocab().orElseThrow(() -> new BadInputException("--format gguf: the base model has"
                            + " no SentencePiece vocabulary to write; use --format hf"));
                    MergedExport.gguf(target, base.config(), merged, t, vocab, base.path().getFileName() + "+" + e.hash()
                            .substring(0, 12));
                }
                case "hf" -> {
                    SafetensorsDType t = switch (type.toLowerCase(Locale.ROOT)) {
                        case "f16" -> SafetensorsDType.F16;
                        case "bf16" -> SafetensorsDType.BF16;
                        case "f32" -> SafetensorsDType.F32;
                        default -> throw new BadInputException("--type " + type + ": safetensors export writes f16, bf16 or f32");
                    };
                    MergedExport.hfFolder(target, base.config(), merged, t, Files.isDirectory(base.path()) ? base.path() : null);
                }
                default -> throw new BadInputException("--format " + format + ": expected gguf or hf");
            }
            out().result(Map.of("ok", true, "adapter", e.hash(), "path", target.toString(), "format", format, "type", type),
                    "Merged model written to " + target);
            return ExitCodes.OK;
        }
    }

    private static ModelFiles base(Workspace ws, String model) {
        Path path;
        try {
            path = ws.models().find(model).map(ModelRecord::location).orElse(Path.of(model));
        } catch (RuntimeException e) {
            throw new BadInputException("--model " + model + ": " + e.getMessage(), e);
        }
        if (!Files.exists(path)) {
            throw new BadInputException("--model " + model + ": neither an imported model nor a file or folder");
        }
        try {
            return ModelFiles.open(path);
        } catch (ModelFormatException e) {
            throw new BadInputException("--model " + model + ": " + e.getMessage(), e);
        }
    }

    private static <T> T input(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (TrainingInputException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static Map<String, Object> entry(AdapterCatalog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", e.hash());
        m.put("path", e.folder().toString());
        m.put("runId", e.runId() > 0 ? e.runId() : null);
        m.put("baseModel", e.baseModel());
        m.put("name", e.name());
        return m;
    }

    private static Map<String, Object> describe(PeftAdapter a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", a.sha256());
        m.put("rank", a.config().lora().rank());
        m.put("alpha", a.config().lora().alpha());
        m.put("rsLora", a.config().lora().rsLora());
        m.put("targets", a.config().lora().targets().stream().map(LoraTarget::peftName).sorted().toList());
        m.put("layers", a.layers());
        m.put("parameters", a.tensors().values().stream().mapToLong(t -> t.values().length).sum());
        m.put("baseModelNameOrPath", a.config().baseModelNameOrPath());
        return m;
    }

    private static String text(Map<String, Object> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        return b.toString().strip();
    }
}
