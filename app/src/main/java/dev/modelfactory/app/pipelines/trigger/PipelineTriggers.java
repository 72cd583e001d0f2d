package dev.modelfactory.app.pipelines.trigger;

import dev.modelfactory.app.pipelines.PipelineListener;
import dev.modelfactory.app.pipelines.PipelineRunHandle;
import dev.modelfactory.app.pipelines.PipelineService;
import dev.modelfactory.app.pipelines.spec.PipelineSpec;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.RunTrigger;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Starts runs of one pipeline on its schedule and when files matching its watch pattern land (are created or
 * changed) in its watched folder. File events are debounced ({@link #QUIET}: a run starts once the folder has
 * been quiet that long, so a file still being copied is not read half-way), and a trigger that fires while an
 * earlier triggered run is still going is dropped (the next trigger catches up: the import step hashes the
 * folder's contents, so nothing is missed and nothing runs twice). Close it to stop watching; runs already
 * started go on in the service.
 */
public final class PipelineTriggers implements AutoCloseable {

    /** How long the watched folder must be quiet before a run starts. */
    public static final Duration QUIET = Duration.ofSeconds(2);

    private final PipelineService service;
    private final Path file;
    private final PipelineListener listener;
    private final Consumer<String> messages;
    private final ScheduledExecutorService timer;
    private final AtomicReference<PipelineRunHandle> current = new AtomicReference<>();
    private final Object lock = new Object();
    private WatchService watcher;
    private Thread watchThread;
    private ScheduledFuture<?> pendingWatchRun;

    private PipelineTriggers(PipelineService service, Path file, PipelineListener listener, Consumer<String> messages) {
        this.service = service;
        this.file = file;
        this.listener = listener;
        this.messages = messages;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipeline-triggers");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Validates {@code file} and starts its triggers.
     *
     * @throws dev.modelfactory.app.pipelines.PipelineValidationException if the file has problems
     * @throws IllegalArgumentException if the pipeline has no trigger, or its watched folder does not exist
     */
    public static PipelineTriggers start(PipelineService service, Path file, PipelineListener listener,
            Consumer<String> messages) throws IOException {
        PipelineSpec spec = service.load(file);
        if (spec.schedule().isEmpty() && spec.watch().isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + ": triggers: the pipeline has neither a schedule"
                    + " nor a watched folder");
        }
        PipelineTriggers t = new PipelineTriggers(service, file, Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(messages, "messages"));
        spec.schedule().ifPresent(every -> {
            t.timer.scheduleAtFixedRate(() -> t.fire(RunTrigger.SCHEDULE), every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
            messages.accept("schedule: a run every " + every);
        });
        if (spec.watch().isPresent()) {
            t.watch(spec.watch().get());
        }
        return t;
    }

    private void watch(PipelineSpec.Watch w) throws IOException {
        if (!Files.isDirectory(w.folder())) {
            throw new IllegalArgumentException("triggers.watch.folder: no such folder " + w.folder());
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + w.pattern());
        watcher = w.folder().getFileSystem().newWatchService();
        w.folder().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        watchThread = new Thread(() -> {
            try {
                while (true) {
                    WatchKey key = watcher.take();
                    boolean relevant = false;
                    for (WatchEvent<?> e : key.pollEvents()) {
                        if (e.context() instanceof Path p && glob.matches(p) && !p.toString().startsWith(".")) {
                            relevant = true;
                        }
                    }
                    key.reset();
                    if (relevant) {
                        debounce();
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closed: stop watching
            }
        }, "pipeline-watch");
        watchThread.setDaemon(true);
        watchThread.start();
        messages.accept("watching " + w.folder() + " for " + w.pattern());
    }

    private void debounce() {
        synchronized (lock) {
            if (pendingWatchRun != null) {
                pendingWatchRun.cancel(false);
            }
            pendingWatchRun = timer.schedule(() -> fire(RunTrigger.WATCH), QUIET.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void fire(RunTrigger trigger) {
        PipelineRunHandle running = current.get();
        if (running != null && !running.completion().isDone()) {
            messages.accept(trigger.name().toLowerCase() + ": run " + running.runId() + " is still going; skipped");
            return;
        }
        try {
            PipelineRunHandle h = service.start(file, trigger, listener);
            current.set(h);
            messages.accept(trigger.name().toLowerCase() + ": started run " + h.runId());
            h.completion().thenAccept((PipelineRunRecord r) -> messages.accept("run " + r.id() + " "
                    + r.status().name().toLowerCase() + (r.message().isEmpty() ? "" : ": " + r.message())));
        } catch (RuntimeException e) {
            messages.accept(trigger.name().toLowerCase() + ": cannot start a run: " + e.getMessage());
        }
    }

    /** The run the triggers started last, if any. */
    public java.util.Optional<PipelineRunHandle> lastRun() {
        return java.util.Optional.ofNullable(current.get());
    }

    @Override
    public void close() throws IOException {
        timer.shutdownNow();
        if (watcher != null) {
            watcher.close();
        }
        if (watchThread != null) {
            watchThread.interrupt();
        }
    }
}
