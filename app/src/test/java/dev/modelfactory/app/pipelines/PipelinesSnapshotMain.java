package dev.modelfactory.app.pipelines;

import dev.modelfactory.app.StudioWiring;
import dev.modelfactory.app.starter.StarterKit;
import dev.modelfactory.app.starter.StarterLocation;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.StudioSnapshots;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.pipelines.PipelinesPage;
import dev.modelfactory.studio.pipelines.RunDetail;
import dev.modelfactory.studio.pipelines.RunListener;
import dev.modelfactory.studio.pipelines.StepRun;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Not a test: runs the starter pipeline ({@code assets/pipelines/starter.yaml}) for real in a workspace (the
 * starter kit installed, a wallet account for its attest step), prints each step's status and time, and
 * renders the Pipelines page (the studio's own wiring) while the run waits for approval, then approves it,
 * lets it finish, and renders again. Run from the checkout's root:
 * <pre>java -cp app/target/classes:app/target/test-classes:$(deps) ...PipelinesSnapshotMain WORKSPACE OUT-DIR [dark]</pre>
 */
public final class PipelinesSnapshotMain {

    private PipelinesSnapshotMain() {
    }

    public static void main(String[] args) throws Exception {
        Path wsDir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        ThemeChoice theme = args.length > 2 && args[2].equals("dark") ? ThemeChoice.DARK : ThemeChoice.LIGHT;
        StudioSnapshots.useHeadlessMonocle();
        try (Workspace ws = Workspace.open(wsDir); PipelineService service = PipelineService.builder(ws)
                .environment(Map.of("MODELFACTORY_WALLET_PASSWORD", PipelineFixture.PASSWORD))
                .wallets(PipelineFixture::wallet).build();
                StudioWiring.Wired wired = StudioWiring.open(ws)) {
            StarterKit kit = new StarterKit(ws, StarterLocation.find().orElseThrow());
            if (!kit.isInstalled()) {
                kit.install();
                PipelineFixture.account(ws);
            }
            WorkspacePipelinesBackend backend = new WorkspacePipelinesBackend(service, "Ada Okafor");
            System.out.println(backend.add(Path.of("assets", "pipelines", "starter.yaml").toAbsolutePath()).problems());
            if (!backend.runs("starter").isEmpty()) { // run already: draw the newest run as stored
                render(wired.context(), theme, out.resolve("pipelines-latest.png"),
                        out.resolve("pipelines-latest-full.png"));
                System.exit(0);
            }
            long t0 = System.nanoTime();
            RunDetail run = backend.start("starter", RunListener.NONE, CancellationToken.NONE);
            report("run " + run.id(), run, t0);
            render(wired.context(), theme, out.resolve("pipelines-waiting.png"), out.resolve("pipelines-waiting-full.png"));
            if (run.waitingApproval().isPresent()) {
                t0 = System.nanoTime();
                run = backend.approve(run.id(), run.waitingApproval().get().id(), RunListener.NONE, CancellationToken.NONE);
                report("approved", run, t0);
                render(wired.context(), theme, out.resolve("pipelines-done.png"), out.resolve("pipelines-done-full.png"));
            }
        }
        System.exit(0);
    }

    private static void report(String what, RunDetail run, long t0) {
        System.out.printf("%s: %s in %.1f s%n", what, run.status(), (System.nanoTime() - t0) / 1e9);
        for (StepRun s : run.steps()) {
            System.out.printf("  %-8s %-8s %-10s %8d ms  %s%n", s.id(), s.kind(), s.status(), s.duration().toMillis(),
                    s.error() == null ? "" : s.error());
        }
    }

    /** The studio's Pipelines page once it shows the newest run, the window and the whole scrolled page. */
    static void render(StudioContext context, ThemeChoice theme, Path window, Path full) throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException running) {
            // started already
        }
        ErrorHandler errors = new ErrorHandler(false);
        TaskRegistry tasks = new TaskRegistry();
        StudioShell[] shell = new StudioShell[1];
        Scene[] scene = new Scene[1];
        onFx(() -> { // no window: Monocle's headless screen may be smaller than the scene; laid out by hand
            shell[0] = StudioShell.builder(context).errors(errors).theme(theme).persistPreferences(false)
                    .executor(new FxTaskExecutor(2, tasks, errors)).build();
            scene[0] = new Scene(shell[0].root(), StudioSnapshots.WIDTH, StudioSnapshots.HEIGHT);
            shell[0].show(PipelinesPage.ID);
            return null;
        });
        PipelinesPage page = onFx(() -> (PipelinesPage) shell[0].currentPage());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!onFx(() -> layoutAndCheck(scene[0]) && page.shown() != null && page.shown().id() > 0 && tasks.activeTasks().isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Pipelines page did not show a run within 60 s");
            }
            Thread.sleep(100);
        }
        write(onFx(() -> {
            layout(scene[0]);
            return scene[0].snapshot(null);
        }), window);
        write(onFx(() -> ((ScrollPane) page.view()).getContent().snapshot(null, null)), full);
        onFx(() -> {
            shell[0].shutdown();
            return null;
        });
        if (!errors.reports().isEmpty()) {
            throw new IllegalStateException("the page reported an error", errors.reports().getFirst().error());
        }
    }

    private static boolean layoutAndCheck(Scene scene) {
        layout(scene);
        return true;
    }

    private static void layout(Scene scene) {
        for (int i = 0; i < 3; i++) {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }
    }

    private static void write(WritableImage image, Path file) throws Exception {
        java.nio.file.Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        System.out.println("wrote " + file);
    }

    private static <T> T onFx(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
