package dev.modelfactory.studio;

import java.nio.file.Path;
import javafx.application.Platform;

/**
 * What the app's {@code studio --snapshot-dir DIR} does, as a fresh JVM would: select headless Monocle, then
 * render (which starts the toolkit itself). Arguments: DIR, preferences file.
 */
public final class SnapshotMain {

    private SnapshotMain() {
    }

    public static void main(String[] args) {
        if (!StudioSnapshots.useHeadlessMonocle()) {
            System.err.println("Monocle is not on the class path");
            System.exit(3);
        }
        StudioContext context = TestContexts.context(Path.of(args[1]));
        for (Path written : StudioSnapshots.render(context, Path.of(args[0]))) {
            System.out.println(written);
        }
        Platform.exit();
    }
}
