package dev.modelfactory.ledger.bench;

import dev.modelfactory.ledger.task.ProgressListener;
import java.util.Locale;

/** Prints progress with rate and ETA to stderr at most every 5 seconds: what a user of the import sees. */
final class ProgressPrinter implements ProgressListener {

    private final String what;
    private final long started = System.nanoTime();
    private long lastPrint = started;

    ProgressPrinter(String what) {
        this.what = what;
    }

    @Override
    public void onProgress(long done, long total) {
        long now = System.nanoTime();
        if (now - lastPrint < 5_000_000_000L || total <= 0) {
            return;
        }
        lastPrint = now;
        double seconds = (now - started) / 1e9;
        double rate = done / seconds;
        System.err.printf(Locale.ROOT, "%s: %.1f %% after %.0f s, ETA %.0f s%n", what, 100.0 * done / total, seconds,
                (total - done) / Math.max(rate, 1e-9));
    }
}
