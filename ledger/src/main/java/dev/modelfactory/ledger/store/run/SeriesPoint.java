package dev.modelfactory.ledger.store.run;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A point of one loss series at a step: {@code trainLoss} the mean loss per token over the logging window
 * ending at {@code step} on the series' training rows (empty when none of them was in that window),
 * {@code evalLoss} the mean validation loss per token of its validation rows when the step evaluated;
 * the token counts say what each mean is over (0 when empty).
 */
public record SeriesPoint(SeriesKind kind, String key, long step, OptionalDouble trainLoss, long trainTokens,
        OptionalDouble evalLoss, long evalTokens) {

    public SeriesPoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (step < 1) {
            throw new IllegalArgumentException("step: must be >= 1, got " + step);
        }
        check(trainLoss, trainTokens, "train");
        check(evalLoss, evalTokens, "eval");
    }

    private static void check(OptionalDouble loss, long tokens, String what) {
        if (tokens < 0 || loss.isPresent() != tokens > 0) {
            throw new IllegalArgumentException(what + "Loss: present exactly when " + what + "Tokens > 0, got "
                    + loss + " over " + tokens + " tokens");
        }
        if (loss.isPresent() && !Double.isFinite(loss.getAsDouble())) {
            throw new IllegalArgumentException(what + "Loss: must be finite, got " + loss.getAsDouble());
        }
    }
}
