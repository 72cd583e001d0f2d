package dev.modelfactory.app.cli;

import dev.modelfactory.app.StudioWiring;
import dev.modelfactory.app.firstrun.FirstRun;
import dev.modelfactory.app.firstrun.FirstRunWelcome;
import dev.modelfactory.app.starter.StarterLocation;
import dev.modelfactory.engine.loader.ModelDiscovery;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.WorkspaceLocation;
import dev.modelfactory.ledger.store.WorkspaceLocator;
import dev.modelfactory.ledger.store.WorkspaceLockedException;
import dev.modelfactory.ledger.store.WorkspaceSchemaTooNewException;
import dev.modelfactory.studio.Studio;
import dev.modelfactory.studio.StudioSnapshots;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.welcome.WelcomeSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code modelfactory studio}: opens the studio window on the workspace; with {@code --snapshot-dir} renders
 * every page headless to PNG instead and exits.
 */
@Command(name = "studio", mixinStandardHelpOptions = true,
        description = "Open the studio (the default with no arguments). With --snapshot-dir, render every page "
                + "headless to DIR/<page>.png at 1440x900 and exit.")
public final class StudioCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--snapshot-dir", paramLabel = "DIR",
            description = "Render every page headless (no display needed) to DIR/<page>.png and exit.")
    private Path snapshotDir;

    @Option(names = "--theme", paramLabel = "THEME",
            description = "With --snapshot-dir: render in this theme (${COMPLETION-CANDIDATES}); default: the saved one.")
    private ThemeChoice theme;

    @Option(names = "--welcome",
            description = "Show the welcome first (pick the workspace folder, install the starter kit), as on the first"
                    + " start. With --snapshot-dir: render only the welcome to DIR/welcome.png.")
    private boolean welcome;

    @Override
    public Integer call() throws IOException {
        if (snapshotDir != null) {
            // Before anything touches JavaFX: pick the headless glass platform.
            if (!StudioSnapshots.useHeadlessMonocle()) {
                throw new IllegalStateException("headless rendering needs Monocle (openjfx-monocle) on the class path");
            }
        } else if (theme != null) {
            throw new BadInputException("--theme only applies with --snapshot-dir");
        }
        if (snapshotDir == null) {
            return openStudio(root, welcome);
        }
        if (welcome) {
            return renderWelcome();
        }
        try (Workspace workspace = open(WorkspaceLocator.locate(root.workspace()));
                StudioWiring.Wired wired = StudioWiring.open(workspace)) {
            List<Path> written = StudioSnapshots.render(wired.context(), snapshotDir, theme);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", true);
            result.put("snapshots", written.stream().map(Path::toString).toList());
            new Output(spec.commandLine().getOut(), root.json()).result(result,
                    "Rendered " + written.size() + " pages to " + snapshotDir + ":\n  "
                            + String.join("\n  ", written.stream().map(p -> p.getFileName().toString()).toList()));
            return ExitCodes.OK;
        }
    }

    /** {@code --welcome --snapshot-dir DIR}: the welcome alone to DIR/welcome.png; no workspace is opened or created. */
    private int renderWelcome() throws IOException {
        try (FirstRunWelcome first = firstRunWelcome(root)) {
            Path file = WelcomeSnapshot.render(first.welcome(), snapshotDir.resolve("welcome.png"));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", true);
            result.put("snapshots", List.of(file.toString()));
            new Output(spec.commandLine().getOut(), root.json()).result(result, "Rendered the welcome to " + file);
            return ExitCodes.OK;
        }
    }

    private static FirstRunWelcome firstRunWelcome(RootCommand root) {
        return new FirstRunWelcome(WorkspaceLocator.locate(root.workspace()).folder(),
                WorkspaceLocator.locate(Optional.empty()).folder(), StarterLocation.find(),
                FirstRun.rememberedForCurrentUser(), ModelDiscovery.knownStores());
    }

    /**
     * Opens the studio window on the workspace; returns when the user closes it. On the first start (nothing
     * names a workspace and the default folder is empty) or with {@code --welcome}, the welcome comes first and
     * opens the workspace the user picks.
     */
    static int openStudio(RootCommand root) throws IOException {
        return openStudio(root, false);
    }

    private static int openStudio(RootCommand root, boolean welcome) throws IOException {
        Path defaultFolder = WorkspaceLocator.locate(Optional.empty()).folder();
        if (welcome || FirstRun.applies(root.workspace(), System.getenv(), defaultFolder)) {
            try (FirstRunWelcome first = firstRunWelcome(root)) {
                Studio.launch(first.welcome());
            }
            return ExitCodes.OK;
        }
        try (Workspace workspace = open(WorkspaceLocator.locate(root.workspace()));
                StudioWiring.Wired wired = StudioWiring.open(workspace)) {
            Studio.launch(wired.context());
            return ExitCodes.OK;
        }
    }

    private static Workspace open(WorkspaceLocation location) throws IOException {
        try {
            return WorkspaceCommands.recovered(Workspace.open(location.folder()));
        } catch (WorkspaceLockedException | WorkspaceSchemaTooNewException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
