package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.ledger.store.ModelHash;
import dev.modelfactory.ledger.store.ModelRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A step's model field: a registered model (name, id or prefix) or a file or folder, by its content hash. */
final class ModelRefs {

    private ModelRefs() {
    }

    /** What to hand the services: the registered model's reference as written, else the resolved path. */
    static String arg(StepContext ctx, String key) {
        String ref = ctx.requiredText(key);
        try {
            if (ctx.workspace().models().find(ref).isPresent()) {
                return ref;
            }
        } catch (RuntimeException e) {
            throw new StepFailedException(ctx.field(key) + ": " + e.getMessage(), e);
        }
        return ctx.path(key).orElseThrow().toString();
    }

    static String hash(StepContext ctx, String key) {
        String ref = ctx.requiredText(key);
        Optional<ModelRecord> m;
        try {
            m = ctx.workspace().models().find(ref);
        } catch (RuntimeException e) {
            throw new StepFailedException(ctx.field(key) + ": " + e.getMessage(), e);
        }
        if (m.isPresent()) {
            return m.get().id();
        }
        Path p = ctx.path(key).orElseThrow();
        if (!Files.exists(p)) {
            throw new StepFailedException(ctx.field(key) + ": '" + ref + "' is neither a registered model nor a file or"
                    + " folder");
        }
        try {
            return ModelHash.of(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
