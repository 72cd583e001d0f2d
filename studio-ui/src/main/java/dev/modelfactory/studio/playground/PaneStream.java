package dev.modelfactory.studio.playground;

import java.util.concurrent.CompletableFuture;

/** A running generation of one pane; usable from any thread. */
public interface PaneStream {

    void cancel();

    /** Generates with {@code adapterId} (null: base) from the next token on. */
    void switchAdapter(String adapterId);

    /** Nanoseconds the last adapter switch took, or -1 if none happened yet. */
    long lastSwapNanos();

    /** Completes when the generation ends (also after {@link #cancel}); fails when it could not run. */
    CompletableFuture<StreamResult> done();
}
