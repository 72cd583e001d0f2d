package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.app.handoff.BundleRequest;
import dev.modelfactory.app.handoff.JobBundleExport;
import dev.modelfactory.app.handoff.TrainerFormat;
import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.engine.adapter.MergedExport;
import dev.modelfactory.engine.adapter.MergedWeights;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.safetensors.SafetensorsDType;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingConfigJson;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.run.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code export}: writes the adapter out as a PEFT folder ({@code peft}), merged into its base as GGUF
 * ({@code gguf}) or a safetensors folder ({@code hf}), or the dataset version as a cluster job bundle
 * ({@code llamafactory}, {@code axolotl}; the config of {@code run} when given). Written beside {@code out}
 * first and renamed into place, so {@code out} is never half written; an existing {@code out} is replaced only
 * with {@code replace: true}. Output {@code path}, hashed by content.
 */
final class ExportStep implements Step {

    @Override
    public StepResult run(StepContext ctx) throws Exception {
        Path out = ctx.path("out").orElseThrow();
        String format = ctx.requiredText("format").toLowerCase(Locale.ROOT);
        if (Files.exists(out) && !ctx.bool("replace", false)) {
            throw new StepFailedException(ctx.field("out") + ": " + out + " already exists (replace: true overwrites it)");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp-" + ctx.runId());
        delete(tmp);
        try {
            switch (format) {
                case "peft" -> AdapterCatalog.load(Path.of(adapter(ctx).ref())).save(tmp);
                case "gguf", "hf" -> merge(ctx, format, tmp);
                default -> bundle(ctx, TrainerFormat.valueOf(format.toUpperCase(Locale.ROOT)), tmp);
            }
            ctx.cancel().throwIfCancellationRequested();
            delete(out);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            delete(tmp);
        }
        String hash = Hashes.tree(out);
        ctx.log("wrote " + format + " to " + out);
        return StepResult.done(format + " at " + out, new OutputRef("path", OutputKind.EXPORT, out.toString(), hash,
                out.getFileName() + " (" + format + ")"));
    }

    private static OutputRef adapter(StepContext ctx) {
        OutputRef a = ctx.requiredInput("adapter");
        if (a.kind() != OutputKind.ADAPTER) {
            throw new StepFailedException(ctx.field("adapter") + ": expects a train step's adapter");
        }
        return a;
    }

    private static void merge(StepContext ctx, String format, Path target) throws IOException {
        PeftAdapter a = AdapterCatalog.load(Path.of(adapter(ctx).ref()));
        String type = ctx.text("type").orElse("f16").toLowerCase(Locale.ROOT);
        try (ModelFiles base = ModelFiles.open(Path.of(modelPath(ctx)))) {
            MergedWeights merged;
            try {
                merged = new MergedWeights(base.weights(), base.config(), a);
            } catch (RuntimeException e) {
                throw new StepFailedException(ctx.field("adapter") + ": does not fit the model: " + e.getMessage(), e);
            }
            if (format.equals("gguf")) {
                GgmlType t = switch (type) {
                    case "f16" -> GgmlType.F16;
                    case "q8_0" -> GgmlType.Q8_0;
                    case "f32" -> GgmlType.F32;
                    default -> throw new StepFailedException(ctx.field("type") + ": GGUF export writes f16, q8_0 or f32");
                };
                var vocab = base.vocab().orElseThrow(() -> new StepFailedException(ctx.field("format") + ": the base"
                        + " model has no SentencePiece vocabulary to write; use format hf"));
                MergedExport.gguf(target, base.config(), merged, t, vocab, base.path().getFileName() + "+"
                        + a.sha256().substring(0, 12));
            } else {
                SafetensorsDType t = switch (type) {
                    case "f16" -> SafetensorsDType.F16;
                    case "bf16" -> SafetensorsDType.BF16;
                    case "f32" -> SafetensorsDType.F32;
                    default -> throw new StepFailedException(ctx.field("type") + ": hf export writes f16, bf16 or f32");
                };
                MergedExport.hfFolder(target, base.config(), merged, t, Files.isDirectory(base.path()) ? base.path()
                        : null);
            }
        }
    }

    private static String modelPath(StepContext ctx) {
        String ref = ModelRefs.arg(ctx, "model");
        return ctx.workspace().models().find(ref).map(m -> m.location().toString()).orElse(ref);
    }

    private static void bundle(StepContext ctx, TrainerFormat f, Path target) throws Exception {
        OutputRef v = ctx.requiredInput("dataset");
        TrainingConfig config = TrainConfigs.defaults();
        var run = ctx.input("run");
        if (run.isPresent()) {
            config = TrainingConfigJson.parse(new RunStore(ctx.workspace()).get(Long.parseLong(run.get().ref()))
                    .orElseThrow(() -> new StepFailedException(ctx.field("run") + ": no training run " + run.get().ref()))
                    .spec().configJson());
        }
        BundleRequest request = BundleRequest.builder().model(ModelRefs.arg(ctx, "model")).dataset(DatasetRef.parse(
                v.ref())).config(config).format(f).out(target).trainerModel(ctx.text("trainer_model").orElse(null))
                .build();
        new JobBundleExport(ctx.workspace()).export(request, (d, t) -> { }, ctx.cancel());
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
