package dev.modelfactory.studio.playground;

import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Gathers text streamed from an engine thread and hands it to the FX thread in batches: at most one
 * {@link Platform#runLater} per interval (default 66 ms, ~15 updates/s), however fast tokens arrive. The
 * streaming thread never waits on the FX thread; it only appends under a short lock.
 */
public final class TextCoalescer {

    private final long intervalNanos;
    private final Consumer<String> sink;
    private final StringBuilder pending = new StringBuilder();
    private boolean scheduled;
    private long lastFlush;

    /** {@code sink} runs on the FX thread with the text gathered since the previous call. */
    public TextCoalescer(long intervalMillis, Consumer<String> sink) {
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.sink = sink;
    }

    public TextCoalescer(Consumer<String> sink) {
        this(66, sink);
    }

    /** Any thread: queues {@code text}; schedules a flush unless one is already on its way. */
    public void append(String text) {
        if (text.isEmpty()) {
            return;
        }
        long delayNanos;
        synchronized (this) {
            pending.append(text);
            if (scheduled) {
                return;
            }
            scheduled = true;
            delayNanos = Math.max(0, lastFlush + intervalNanos - System.nanoTime());
        }
        if (delayNanos == 0) {
            Platform.runLater(this::flush);
        } else {
            Thread.ofVirtual().start(() -> {
                java.util.concurrent.locks.LockSupport.parkNanos(delayNanos);
                Platform.runLater(this::flush);
            });
        }
    }

    /** FX thread: delivers whatever is pending now (also called once a stream ends so nothing is left). */
    public void flush() {
        String text;
        synchronized (this) {
            text = pending.toString();
            pending.setLength(0);
            scheduled = false;
            lastFlush = System.nanoTime();
        }
        if (!text.isEmpty()) {
            sink.accept(text);
        }
    }
}
