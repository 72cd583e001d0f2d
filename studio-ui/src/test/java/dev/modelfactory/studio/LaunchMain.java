package dev.modelfactory.studio;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the studio the way the app does ({@link Studio#launch}) on headless Monocle, waits until its window
 * shows, prints the title, then closes it; {@code launch} must then return. Argument: preferences file.
 */
public final class LaunchMain {

    private LaunchMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StudioSnapshots.useHeadlessMonocle();
        Thread closer = new Thread(LaunchMain::closeWhenShown, "closer");
        closer.setDaemon(true);
        closer.start();
        Studio.launch(TestContexts.context(Path.of(args[0])));
        System.out.println("launch returned");
    }

    private static void closeWhenShown() {
        while (true) {
            try {
                Thread.sleep(50); // polling for the window, not a timing assertion
                java.util.concurrent.CompletableFuture<Boolean> closed = new java.util.concurrent.CompletableFuture<>();
                Platform.runLater(() -> {
                    Stage stage = (Stage) Window.getWindows().stream().filter(Window::isShowing)
                            .filter(Stage.class::isInstance).findFirst().orElse(null);
                    if (stage == null) {
                        closed.complete(false);
                        return;
                    }
                    System.out.println("title: " + stage.getTitle());
                    stage.setX(30);
                    stage.setY(20);
                    stage.setWidth(1100);
                    stage.setHeight(720);
                    stage.close();
                    closed.complete(true);
                });
                if (closed.get()) {
                    return;
                }
            } catch (IllegalStateException toolkitNotYetUp) {
                // keep polling
            } catch (Exception e) {
                e.printStackTrace();
                return;
            }
        }
    }
}
