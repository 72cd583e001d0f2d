package dev.modelfactory.studio.welcome;

import dev.modelfactory.studio.StudioSnapshots;
import dev.modelfactory.studio.prefs.ThemeManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Renders the welcome to a PNG at the studio snapshots' size, after its model detection has answered, for
 * the user guide and the packaging check. Like {@link StudioSnapshots}, call
 * {@link StudioSnapshots#useHeadlessMonocle()} first for a run without a display. Nothing is opened: the
 * welcome's opener is never called.
 */
public final class WelcomeSnapshot {

    private static final long TIMEOUT_SECONDS = 60;

    private WelcomeSnapshot() {
    }

    /** Writes {@code file} and returns it. */
    public static Path render(Welcome welcome, Path file) throws IOException {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // started by the studio snapshots or a test harness: fine
        }
        Platform.setImplicitExit(false);
        WelcomeView view = onFx(() -> {
            Application.setUserAgentStylesheet(ThemeManager.LIGHT_STYLESHEET);
            WelcomeView v = new WelcomeView(welcome, context -> { });
            new Scene(v.root(), StudioSnapshots.WIDTH, StudioSnapshots.HEIGHT);
            return v;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (onFx(() -> view.detectingProperty().get())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("The welcome's model detection did not answer within " + TIMEOUT_SECONDS + " s");
            }
            sleep();
        }
        WritableImage image = onFx(() -> {
            view.root().applyCss();
            view.root().layout();
            return view.root().getScene().snapshot(null);
        });
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("No PNG writer available");
        }
        return file;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while rendering the welcome", e);
        }
    }

    private static <T> T onFx(Supplier<T> work) throws IOException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("Rendering the welcome failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("The FX thread did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while rendering the welcome", e);
        }
    }
}
