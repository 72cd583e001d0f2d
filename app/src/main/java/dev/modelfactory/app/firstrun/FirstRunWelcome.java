package dev.modelfactory.app.firstrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.StudioWiring;
import dev.modelfactory.app.starter.StarterBuild;
import dev.modelfactory.app.starter.StarterKit;
import dev.modelfactory.engine.loader.DiscoveredModel;
import dev.modelfactory.engine.loader.ModelDiscovery;
import dev.modelfactory.engine.loader.ModelStore;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.RunStore;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.welcome.DetectedModel;
import dev.modelfactory.studio.welcome.Welcome;
import dev.modelfactory.studio.welcome.WelcomeChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs the welcome with the real thing: opens (creating when needed) the chosen workspace, installs the
 * bundled starter kit into it when asked, remembers a folder other than the default, and finds models with
 * the engine's discovery. Owns the workspace it opened: {@link #close()} closes it after the studio exits.
 */
public final class FirstRunWelcome implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FirstRunWelcome.class);

    private final Path suggested;
    private final Path defaultFolder;
    private final Optional<Path> starterKit;
    private final RememberedWorkspace remembered;
    private final List<ModelStore> stores;
    private final AtomicReference<Workspace> opened = new AtomicReference<>();
    /** The studio's services over the opened workspace, closed before it. */
    private final AtomicReference<StudioWiring.Wired> wired = new AtomicReference<>();

    /**
     * @param suggested     the folder offered first (the current workspace, else the default)
     * @param defaultFolder the platform's default workspace folder (a choice of it is not remembered)
     * @param starterKit    the bundled kit, if found
     * @param remembered    where a chosen non-default folder is remembered
     * @param stores        where to look for local models
     */
    public FirstRunWelcome(Path suggested, Path defaultFolder, Optional<Path> starterKit, RememberedWorkspace remembered,
            List<ModelStore> stores) {
        this.suggested = suggested.toAbsolutePath().normalize();
        this.defaultFolder = defaultFolder.toAbsolutePath().normalize();
        this.starterKit = starterKit;
        this.remembered = remembered;
        this.stores = List.copyOf(stores);
    }

    /** The welcome to show. */
    public Welcome welcome() {
        return Welcome.builder().suggestedWorkspace(suggested).starterKit(starterKit.map(FirstRunWelcome::describe)
                .orElse(null)).detector(this::detect).opener(this::open).build();
    }

    /** The workspace the welcome opened, if it got that far. */
    public Optional<Workspace> opened() {
        return Optional.ofNullable(opened.get());
    }

    List<DetectedModel> detect() {
        return ModelDiscovery.scan(stores, line -> { }, () -> false).stream().map(FirstRunWelcome::detected).toList();
    }

    StudioContext open(WelcomeChoice choice, Consumer<String> progress) throws IOException {
        if (opened.get() != null) {
            throw new IllegalStateException("The welcome already opened " + opened.get().root());
        }
        progress.accept("Opening the workspace in " + choice.workspace() + "\u2026");
        Workspace ws = Workspace.open(choice.workspace());
        try {
            new RunStore(ws).recoverInterrupted();
            if (choice.installStarter()) {
                Path kit = starterKit.orElseThrow(() -> new IllegalStateException("No starter kit to install"));
                progress.accept("Installing the starter kit (model and demo datasets)\u2026");
                StarterKit.Installed installed = new StarterKit(ws, kit).install();
                LOG.info("First run: installed the starter kit into {}: datasets {}", ws.root(), installed.datasets());
            }
            if (!choice.workspace().toAbsolutePath().normalize().equals(defaultFolder)) {
                remembered.write(choice.workspace().toAbsolutePath());
            }
            StudioWiring.Wired w = StudioWiring.open(ws);
            wired.set(w);
            opened.set(ws);
            return w.context();
        } catch (IOException | RuntimeException e) {
            ws.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        StudioWiring.Wired w = wired.getAndSet(null);
        Workspace ws = opened.getAndSet(null);
        try (ws) {
            if (w != null) {
                w.close();
            }
        }
    }

    private static DetectedModel detected(DiscoveredModel d) {
        String source = switch (d.store().kind()) {
            case OLLAMA -> "Ollama";
            case HUGGING_FACE_CACHE -> "Hugging Face cache";
            case LM_STUDIO -> "LM Studio";
            case USER -> "your folder";
        };
        return new DetectedModel(d.name(), source, d.location());
    }

    /** "a 2.2 MB model trained by this engine and 4 demo datasets". */
    static String describe(Path kit) {
        try {
            double mb = Files.size(kit.resolve(StarterBuild.MODEL)) / 1e6;
            int datasets = new ObjectMapper().readTree(kit.resolve(StarterBuild.MANIFEST).toFile()).path("datasets").size();
            return String.format(Locale.ROOT, "a %.1f MB model trained by this engine and %d demo datasets", mb, datasets);
        } catch (IOException e) {
            return "a small model and demo datasets (" + kit + ")";
        }
    }
}
