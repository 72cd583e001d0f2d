package dev.modelfactory.engine.train.loop;

import dev.modelfactory.engine.generate.CancellationToken;

/**
 * Pause, resume and cancel a run from any thread. The trainer checks between optimiser steps: a paused run
 * waits there (holding its state in memory); a cancelled run checkpoints and returns.
 */
public final class TrainingControl implements CancellationToken {

    private boolean cancelled;
    private boolean pauseRequested;
    private boolean waiting;

    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    public synchronized void pause() {
        pauseRequested = true;
    }

    public synchronized void resume() {
        pauseRequested = false;
        notifyAll();
    }

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    public synchronized boolean isPauseRequested() {
        return pauseRequested;
    }

    /** Blocks until the trainer has actually stopped at a step boundary because of {@link #pause()}. */
    public synchronized void awaitPaused() throws InterruptedException {
        while (!waiting && !cancelled) {
            wait();
        }
    }

    /** Called by the trainer: waits while paused; returns false when cancelled. */
    synchronized boolean holdIfPaused(Runnable onPaused) throws InterruptedException {
        if (pauseRequested && !cancelled) {
            onPaused.run();
            waiting = true;
            notifyAll();
            try {
                while (pauseRequested && !cancelled) {
                    wait();
                }
            } finally {
                waiting = false;
            }
        }
        return !cancelled;
    }
}
