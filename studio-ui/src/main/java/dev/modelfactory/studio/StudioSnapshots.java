package dev.modelfactory.studio;

import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskRegistry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders every page of the studio to PNG files without a display (for docs, reviews and visual checks):
 * the shell in a 1440x900 scene, each page shown in turn, layout and CSS settled, then
 * {@code DIR/<page-id>.png}. Nothing is written to the preferences file.
 *
 * <p>For a run without a display, call {@link #useHeadlessMonocle()} before anything starts JavaFX (Monocle
 * must be on the class path). {@code render} starts the FX toolkit itself when it is not running yet.
 */
public final class StudioSnapshots {

    public static final int WIDTH = 1440;
    public static final int HEIGHT = 900;
    private static final long TIMEOUT_SECONDS = 60;
    private static final String MONOCLE_FACTORY = "com.sun.glass.ui.monocle.MonoclePlatformFactory";

    private StudioSnapshots() {
    }

    /**
     * Selects the headless Monocle glass platform and the software renderer through system properties.
     * Must run before the FX toolkit starts; has no effect afterwards.
     *
     * @return false (and changes nothing) when Monocle is not on the class path
     */
    public static boolean useHeadlessMonocle() {
        try {
            Class.forName(MONOCLE_FACTORY, false, StudioSnapshots.class.getClassLoader());
        } catch (ClassNotFoundException absent) {
            return false;
        }
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("monocle.headless.geometry", WIDTH + "x" + HEIGHT + "-32");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        return true;
    }

    /** Renders every page in the remembered theme ("System" resolves as the platform reports). */
    public static List<Path> render(StudioContext context, Path dir) {
        return render(context, dir, null);
    }

    /**
     * Renders every page in {@code theme} (null: the remembered theme) and returns the written files, in
     * sidebar order. Call from any thread; on the FX thread it lays out by hand instead of waiting for pulses.
     */
    public static List<Path> render(StudioContext context, Path dir, ThemeChoice theme) {
        startToolkit();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create snapshot folder " + dir, e);
        }
        ErrorHandler errors = new ErrorHandler(false);
        Session session = onFx(() -> new Session(context, theme, errors));
        try {
            List<Path> written = new ArrayList<>();
            for (Page page : session.shell.pages()) {
                onFx(() -> {
                    session.shell.show(page);
                    return null;
                });
                settle(session.scene);
                if (awaitIdle(session.tasks)) {
                    settle(session.scene); // what the finished loads put on the page
                }
                WritableImage image = onFx(session::snapshot);
                written.add(write(image, dir.resolve(page.id() + ".png")));
            }
            return List.copyOf(written);
        } finally {
            onFx(() -> {
                session.close();
                return null;
            });
        }
    }

    /**
     * Waits (off the FX thread) until the page's background loads have finished, at most
     * {@value #TIMEOUT_SECONDS} s, so a snapshot shows the page with its data rather than its loading state;
     * a load still running then is drawn as it is. Returns whether anything had to be waited for.
     */
    private static boolean awaitIdle(TaskRegistry tasks) {
        if (Platform.isFxApplicationThread()) {
            return false; // laid out by hand: the tasks' results cannot be delivered while we hold the thread
        }
        CountDownLatch idle = new CountDownLatch(1);
        boolean busy = onFx(() -> {
            if (tasks.activeTasks().isEmpty()) {
                return false;
            }
            tasks.activeTasks().addListener(new javafx.collections.ListChangeListener<BackgroundTask<?>>() {
                @Override
                public void onChanged(Change<? extends BackgroundTask<?>> c) {
                    if (tasks.activeTasks().isEmpty()) {
                        tasks.activeTasks().removeListener(this);
                        idle.countDown();
                    }
                }
            });
            return true;
        });
        if (busy) {
            try {
                idle.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while rendering snapshots", e);
            }
        }
        return busy;
    }

    private static void startToolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // started earlier (by us, a test harness, or the studio itself): fine
        }
        Platform.setImplicitExit(false);
    }

    private static Path write(WritableImage image, Path file) {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        try {
            if (!ImageIO.write(buffered, "png", file.toFile())) {
                throw new IOException("No PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write snapshot " + file, e);
        }
        return file;
    }

    /**
     * Waits (off the FX thread) for two layout pulses so CSS, layout and deferred work have settled. A scene
     * without a window gets no pulses: it is laid out by hand and the FX queue drained instead.
     */
    private static void settle(Scene scene) {
        if (Platform.isFxApplicationThread()) {
            layout(scene);
            return;
        }
        for (int i = 0; i < 2; i++) {
            CountDownLatch pulsed = new CountDownLatch(1);
            Platform.runLater(() -> {
                if (scene.getWindow() == null || !scene.getWindow().isShowing()) {
                    layout(scene);
                    pulsed.countDown();
                    return;
                }
                Runnable[] listener = new Runnable[1];
                listener[0] = () -> {
                    scene.removePostLayoutPulseListener(listener[0]);
                    pulsed.countDown();
                };
                scene.addPostLayoutPulseListener(listener[0]);
                Platform.requestNextPulse();
            });
            try {
                if (!pulsed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("No FX pulse within " + TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while rendering snapshots", e);
            }
        }
    }

    private static void layout(Scene scene) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }

    private static <T> T onFx(Supplier<T> action) {
        if (Platform.isFxApplicationThread()) {
            return action.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rendering snapshots", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Snapshot rendering failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("FX thread did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /**
     * The shell in a 1440x900 scene, on the FX thread. The scene goes into a shown stage when the screen can
     * hold it (a real display, or Monocle sized by {@link #useHeadlessMonocle()}); Monocle's headless screen
     * fails on windows larger than itself, so on a smaller screen the scene is rendered without a window.
     */
    private static final class Session {
        final StudioShell shell;
        final Scene scene;
        final Stage stage;
        final TaskRegistry tasks = new TaskRegistry();

        Session(StudioContext context, ThemeChoice theme, ErrorHandler errors) {
            shell = StudioShell.builder(context)
                    .errors(errors)
                    .executor(new FxTaskExecutor(1, tasks, errors))
                    .theme(theme)
                    .persistPreferences(false)
                    .build();
            scene = new Scene(shell.root(), WIDTH, HEIGHT);
            Rectangle2D screen = Screen.getPrimary().getBounds();
            if (screen.getWidth() >= WIDTH && screen.getHeight() >= HEIGHT) {
                stage = new Stage();
                stage.setScene(scene);
                stage.setTitle("ModelFactory Studio snapshots");
                stage.show();
            } else {
                stage = null;
            }
        }

        WritableImage snapshot() {
            layout(scene);
            return scene.snapshot(null);
        }

        void close() {
            if (stage != null) {
                stage.hide();
            }
            shell.shutdown();
        }
    }
}
