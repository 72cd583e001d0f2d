package dev.modelfactory.studio.error;

import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.UnhandledFailureHandler;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every uncaught exception and unhandled task failure, keeps them in {@link #reports()}, and shows them
 * in a single {@link ErrorDialog}: while it is open, further errors are added to it instead of opening new
 * dialogs, so an error raised in a loop cannot bury the user in windows.
 */
public final class ErrorHandler implements UnhandledFailureHandler, Thread.UncaughtExceptionHandler {

    /** How many reports are kept in memory (the log keeps all). */
    public static final int MAX_REPORTS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    private final boolean showDialogs;
    private final ObservableList<ErrorReport> reports = FXCollections.observableArrayList();
    private final ObservableList<ErrorReport> readOnly = FXCollections.unmodifiableObservableList(reports);
    private Supplier<Window> owner = () -> null;
    private ErrorDialog dialog;
    private boolean presenting;

    /** @param showDialogs false for headless runs (snapshots): errors are then only logged and recorded */
    public ErrorHandler(boolean showDialogs) {
        this.showDialogs = showDialogs;
    }

    /** Becomes the default handler of every thread and of the FX thread. Call once the toolkit runs. */
    public void install() {
        Thread.setDefaultUncaughtExceptionHandler(this);
        Platform.runLater(() -> Thread.currentThread().setUncaughtExceptionHandler(this));
    }

    /** The window dialogs are attached to (the main stage), looked up when a dialog opens. */
    public void setOwner(Supplier<Window> owner) {
        this.owner = owner == null ? () -> null : owner;
    }

    /** Errors reported so far (newest last, at most {@link #MAX_REPORTS}); changes on the FX thread. */
    public ObservableList<ErrorReport> reports() {
        return readOnly;
    }

    /** True while the error dialog is open. */
    public boolean isDialogShowing() {
        return dialog != null && dialog.isShowing();
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        report("Thread " + thread.getName(), error);
    }

    @Override
    public void unhandledFailure(BackgroundTask<?> task, Throwable failure) {
        report("Task \u201c" + task.getTitle() + "\u201d", failure);
    }

    /** Logs the error now and shows it on the FX thread. Safe from any thread. */
    public void report(String source, Throwable error) {
        LOG.error("{} failed", source, error);
        ErrorReport entry = new ErrorReport(source, error, Instant.now());
        if (Platform.isFxApplicationThread()) {
            present(entry);
        } else {
            try {
                Platform.runLater(() -> present(entry));
            } catch (IllegalStateException toolkitGone) {
                LOG.debug("FX toolkit not running; error only logged");
            }
        }
    }

    private void present(ErrorReport entry) {
        reports.add(entry);
        if (reports.size() > MAX_REPORTS) {
            reports.remove(0, reports.size() - MAX_REPORTS);
        }
        if (!showDialogs || presenting) {
            return;
        }
        presenting = true;
        try {
            if (dialog == null || !dialog.isShowing()) {
                dialog = new ErrorDialog(owner.get());
                dialog.add(entry);
                dialog.show();
            } else {
                dialog.add(entry);
            }
        } catch (RuntimeException dialogFailure) {
            // Never recurse into ourselves: a broken dialog would report, fail, report...
            LOG.error("Could not show the error dialog", dialogFailure);
        } finally {
            presenting = false;
        }
    }
}
