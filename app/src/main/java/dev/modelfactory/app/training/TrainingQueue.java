package dev.modelfactory.app.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Runs of one device, one training at a time: {@link #submit} queues a request (it starts at once when the
 * device is free); until it starts, a queued run can be moved or removed. When the training run ends, the
 * next in line starts; a request that fails to start (bad input) completes its {@link Queued#started()}
 * exceptionally and the next one starts. Thread-safe.
 */
public final class TrainingQueue {

    /** A submitted request: its ticket, and a future that completes with its handle when it starts. */
    public record Queued(long ticket, TrainingRequest request, RunListener listener,
            CompletableFuture<RunHandle> started) {
    }

    private final BiFunction<TrainingRequest, RunListener, RunHandle> starter;
    private final List<Queued> waiting = new ArrayList<>();
    private RunHandle current;
    private boolean starting;
    private long nextTicket = 1;

    TrainingQueue(BiFunction<TrainingRequest, RunListener, RunHandle> starter) {
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /** Queues a run behind the waiting ones; it starts now when nothing is training. */
    public Queued submit(TrainingRequest request, RunListener listener) {
        Queued q;
        synchronized (this) {
            q = new Queued(nextTicket++, Objects.requireNonNull(request, "request"),
                    listener == null ? RunListener.NONE : listener, new CompletableFuture<>());
            waiting.add(q);
        }
        startNext();
        return q;
    }

    /** The runs waiting for the device, in the order they will start. */
    public synchronized List<Queued> waiting() {
        return List.copyOf(waiting);
    }

    /** The run training now, if any. */
    public synchronized Optional<RunHandle> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Moves a waiting run to {@code position} (0 = next to start; clamped to the queue).
     *
     * @throws TrainingInputException if the ticket is not waiting (it started, or was removed)
     */
    public synchronized void move(long ticket, int position) {
        Queued q = find(ticket);
        waiting.remove(q);
        waiting.add(Math.max(0, Math.min(position, waiting.size())), q);
    }

    /**
     * Removes a waiting run before it starts; its {@link Queued#started()} is cancelled.
     *
     * @throws TrainingInputException if the ticket is not waiting (it started, or was removed)
     */
    public void remove(long ticket) {
        Queued q;
        synchronized (this) {
            q = find(ticket);
            waiting.remove(q);
        }
        q.started().completeExceptionally(new CancellationException("removed from the queue before it started"));
    }

    private Queued find(long ticket) {
        return waiting.stream().filter(q -> q.ticket() == ticket).findFirst().orElseThrow(() ->
                new TrainingInputException("queue: no waiting run with ticket " + ticket + " (it started or was removed)"));
    }

    private void startNext() {
        while (true) {
            Queued next;
            synchronized (this) {
                if (current != null || starting || waiting.isEmpty()) {
                    return;
                }
                next = waiting.removeFirst();
                starting = true;
            }
            RunHandle h;
            try {
                h = starter.apply(next.request(), next.listener());
            } catch (RuntimeException e) {
                synchronized (this) {
                    starting = false;
                }
                next.started().completeExceptionally(e);
                continue;
            }
            synchronized (this) {
                starting = false;
                current = h;
            }
            next.started().complete(h);
            h.completion().whenComplete((o, e) -> {
                synchronized (this) {
                    if (current == h) {
                        current = null;
                    }
                }
                startNext();
            });
            return;
        }
    }
}
