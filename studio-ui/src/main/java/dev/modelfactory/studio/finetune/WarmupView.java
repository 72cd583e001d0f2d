package dev.modelfactory.studio.finetune;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.training.RunSummary;
import dev.modelfactory.studio.training.RunWarmup;
import java.time.Duration;
import java.util.Locale;
import javafx.scene.control.Label;

/** The measured warm-up next to the plan: tokens/s and the whole run's estimated wall time. */
final class WarmupView extends Label {

    WarmupView() {
        setId("finetune-warmup");
        setWrapText(true);
        getStyleClass().add(Styles.TEXT_MUTED);
        reset();
    }

    /** Nothing measured for the current config (it changed, or a measurement was cancelled). */
    void reset() {
        setText("Time: press Measure (or wait a moment with a valid config) to time a few real steps.");
    }

    void measuring() {
        setText("Time: measuring a few real training steps\u2026");
    }

    void show(RunWarmup w) {
        setText(text(w));
    }

    void failed(String why) {
        setText("Time: could not measure: " + why);
    }

    static String text(RunWarmup w) {
        return String.format(Locale.ROOT, "Time: %,.0f tokens/s, %.2f s per step over %d measured steps \u2192 about %s"
                + " for %d steps (training only; evaluations and checkpoints add to it)", w.tokensPerSecond(),
                w.secondsPerStep(), w.measuredSteps(), RunSummary.duration(Duration.ofMillis(
                        Math.round(w.estimatedSeconds() * 1000))), w.totalSteps());
    }
}
