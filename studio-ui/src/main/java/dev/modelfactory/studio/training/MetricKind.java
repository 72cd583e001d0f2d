package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.MetricPoint;
import java.util.OptionalDouble;
import java.util.function.Function;

/** The six curves of a run, each read from a stored {@link MetricPoint} (empty where the step has none). */
public enum MetricKind {
    TRAIN_LOSS("Training loss", "train_loss", MetricPoint::trainLoss),
    EVAL_LOSS("Eval loss", "eval_loss", MetricPoint::evalLoss),
    LEARNING_RATE("Learning rate", "lr", MetricPoint::learningRate),
    GRAD_NORM("Gradient norm", "grad_norm", MetricPoint::gradNorm),
    TOKENS_PER_S("Tokens / s", "tokens_per_s", MetricPoint::tokensPerSecond),
    MEMORY("Memory (MiB)", "memory_mib", p -> p.memoryBytes().isPresent()
            ? OptionalDouble.of(p.memoryBytes().getAsLong() / (1024.0 * 1024.0)) : OptionalDouble.empty());

    private final String title;
    private final String column;
    private final Function<MetricPoint, OptionalDouble> read;

    MetricKind(String title, String column, Function<MetricPoint, OptionalDouble> read) {
        this.title = title;
        this.column = column;
        this.read = read;
    }

    public String title() {
        return title;
    }

    /** The CSV column name. */
    public String column() {
        return column;
    }

    public OptionalDouble of(MetricPoint p) {
        return read.apply(p);
    }
}
