package dev.modelfactory.studio.benchmarks;

import atlantafx.base.theme.Styles;
import dev.modelfactory.engine.eval.EvalListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One progress bar per system of the running job. The job's thread reports through {@link #listener()}; the
 * latest count per system is kept and handed to the FX thread at most once per pulse (coalesced), so a fast
 * job cannot flood the event queue.
 */
final class RunProgressView extends VBox {

    static final String BAR_CLASS = "bench-system-progress";

    private record Count(int done, int total) {
    }

    private final Map<String, ProgressBar> bars = new LinkedHashMap<>();
    private final Map<String, Label> texts = new LinkedHashMap<>();
    private final Map<String, Count> latest = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private boolean closed;

    RunProgressView() {
        super(4);
        setId("bench-progress");
    }

    /** Starts showing a job over {@code systems}, every bar at zero. */
    void start(List<String> systems) {
        bars.clear();
        texts.clear();
        latest.clear();
        closed = false;
        getChildren().clear();
        for (String s : systems) {
            Label name = new Label(s);
            name.setPrefWidth(140);
            name.setMinWidth(140);
            ProgressBar bar = new ProgressBar(0);
            bar.getStyleClass().add(BAR_CLASS);
            bar.setUserData(s);
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            Label text = new Label("waiting");
            text.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            text.setMinWidth(110);
            HBox row = new HBox(10, name, bar, text);
            row.setAlignment(Pos.CENTER_LEFT);
            bars.put(s, bar);
            texts.put(s, text);
            getChildren().add(row);
        }
    }

    /** The listener to hand to the job (called from its thread). */
    EvalListener listener() {
        return (system, done, total) -> {
            latest.put(system, new Count(done, total));
            if (scheduled.compareAndSet(false, true)) {
                Platform.runLater(this::flush);
            }
        };
    }

    /** Marks every bar with {@code text} (finished, cancelled, failed), keeping the counts reached. */
    void finish(String text) {
        flush();
        closed = true;
        texts.values().forEach(t -> t.setText(t.getText() + " \u00b7 " + text));
    }

    /** The fraction shown for {@code system} (0 when unknown). */
    double progress(String system) {
        ProgressBar bar = bars.get(system);
        return bar == null ? 0 : bar.getProgress();
    }

    private void flush() {
        scheduled.set(false);
        if (closed) {
            return;
        }
        for (var e : latest.entrySet()) {
            ProgressBar bar = bars.get(e.getKey());
            if (bar == null) {
                continue;
            }
            Count c = e.getValue();
            bar.setProgress(c.total() <= 0 ? 0 : (double) c.done() / c.total());
            texts.get(e.getKey()).setText(c.done() + " of " + c.total() + " items");
        }
    }
}
