package dev.modelfactory.engine.eval;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** One system under evaluation: the base model alone (no adapter) or the base with a PEFT adapter folder. */
public record EvalSystem(String label, Optional<Path> adapter) {

    public EvalSystem {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(adapter, "adapter");
    }

    public static EvalSystem base(String label) {
        return new EvalSystem(label, Optional.empty());
    }

    public static EvalSystem adapter(String label, Path folder) {
        return new EvalSystem(label, Optional.of(folder));
    }
}
