package dev.modelfactory.studio;

import dev.modelfactory.studio.welcome.Welcome;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;

/**
 * Opens the studio window. The app's main class calls {@link #launch(StudioContext)} from its main thread;
 * it returns when the window has closed and the FX toolkit has exited.
 */
public final class Studio {

    private static final AtomicReference<StudioContext> CONTEXT = new AtomicReference<>();
    private static final AtomicReference<Welcome> WELCOME = new AtomicReference<>();

    private Studio() {
    }

    /**
     * Starts the FX toolkit and shows the studio for {@code context}; blocks until the user closes it.
     * Call at most once per JVM, not on the FX thread, and not after {@link StudioSnapshots#render}
     * started the toolkit (JavaFX allows only one launch).
     */
    public static void launch(StudioContext context) {
        CONTEXT.set(Objects.requireNonNull(context, "context"));
        Application.launch(StudioApplication.class);
    }

    /**
     * Starts the FX toolkit and shows the first-run welcome; once the welcome has opened a workspace the shell
     * replaces it in the same window. Blocks until the user closes the window. Same rules as
     * {@link #launch(StudioContext)}.
     */
    public static void launch(Welcome welcome) {
        WELCOME.set(Objects.requireNonNull(welcome, "welcome"));
        Application.launch(StudioApplication.class);
    }

    /** The welcome handed to {@link #launch(Welcome)}, or null when the studio was launched with a context. */
    static Welcome welcome() {
        return WELCOME.get();
    }

    /** The context handed to {@link #launch}; read by {@link StudioApplication}. */
    static StudioContext context() {
        StudioContext context = CONTEXT.get();
        if (context == null) {
            throw new IllegalStateException("Start the studio with Studio.launch(context)");
        }
        return context;
    }
}
