package dev.modelfactory.app.attribution;

import dev.modelfactory.app.starter.StarterKit;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.TrainingOutcome;
import dev.modelfactory.app.training.TrainingRequest;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.app.wallet.WorkspaceWalletAccess;
import dev.modelfactory.engine.attribution.influence.InfluenceMethod;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.ledger.wallet.Mnemonic;
import dev.modelfactory.ledger.wallet.ScryptParams;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.studio.OpenPageEvent;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.StudioSnapshots;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.provenance.OutputChoice;
import dev.modelfactory.studio.provenance.ProvenancePage;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Not a test: installs the starter kit into a fresh workspace, puts two of its contributors' datasets
 * (numbers-in-words by Ada Okafor, story-questions by Chen Wei) into one dataset, trains a short LoRA run on
 * it, lets the adapter answer a prompt greedily, then opens that real output on the Attribution page, runs
 * the attribution through the real backend and renders the page to OUT/attribution.png (1440 wide, tall
 * enough for the whole page).
 * <pre>java -cp app/target/classes:app/target/test-classes:$(deps) ...ProvenanceSnapshotMain WORKSPACE OUT-DIR [STEPS]</pre>
 */
public final class ProvenanceSnapshotMain {

    private static final String PROMPT = "Write the number in words.\n\n494";
    private static final int HEIGHT = 1700;

    private ProvenanceSnapshotMain() {
    }

    public static void main(String[] args) throws Exception {
        Path wsDir = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        StudioSnapshots.useHeadlessMonocle();
        System.setProperty("monocle.headless.geometry", StudioSnapshots.WIDTH + "x" + HEIGHT + "-32");
        try (Workspace ws = Workspace.open(wsDir)) {
            long runId = reuse(ws);
            if (runId == 0) {
                runId = train(ws, steps);
            }
            WorkspaceProvenanceBackend backend = WorkspaceProvenanceBackend.of(ws);
            long t1 = System.nanoTime();
            InfluenceResult answer = backend.influence().attribute("run:" + runId, PROMPT, Optional.empty(),
                    InfluenceMethod.TRACIN, 5, ProgressListener.NONE, CancellationToken.NONE);
            System.err.printf("the adapter answered \"%s\"; sketches and first query took %.1f s%n", answer.output(),
                    (System.nanoTime() - t1) / 1e9);
            WalletService wallet = WalletService.builder(new WalletStore(ws)).kdf(ScryptParams.lightForTestsOnly()).build();
            if (wallet.accounts().isEmpty()) {
                wallet.addMnemonic(Mnemonic.parse("test test test test test test test test test test test junk"),
                        List.of("curator"), "snapshot password".toCharArray());
            }
            StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(ws.root().toString(), "11")
                    .computeDevice("CPU").preferencesFile(out.resolve("ui.properties"))
                    .addPage(ProvenancePage.factory(backend, WorkspaceWalletAccess.of(wallet, ws))).build();
            render(context, new OutputChoice(OutputChoice.PLAYGROUND, "494 in words", PROMPT, answer.output(),
                    "run:" + runId), out.resolve("attribution.png"));
            backend.close();
        }
        Platform.exit();
    }

    /** The newest completed run of an earlier invocation on this workspace, or 0. */
    private static long reuse(Workspace ws) {
        return new TrainingService(ws).runs().list().stream().filter(r -> r.outcome() == RunOutcome.COMPLETED)
                .mapToLong(r -> r.id()).max().orElse(0);
    }

    private static long train(Workspace ws, int steps) throws Exception {
        new StarterKit(ws, Path.of("assets/starter")).install();
        mixedDataset(ws);
        long t0 = System.nanoTime();
        TrainingOutcome run = new TrainingService(ws).start(TrainingRequest.of(StarterKit.MODEL_NAME,
                DatasetRef.parse("starter-mix"), config(steps)).withThreads(Runtime.getRuntime().availableProcessors()),
                new dev.modelfactory.app.training.RunListener() {
                }).await();
        if (run.outcome() != RunOutcome.COMPLETED) {
            throw new IllegalStateException("training failed: " + run.message());
        }
        System.err.printf("trained run %d (%d steps) in %.1f s, final loss %.3f%n", run.runId(), steps,
                (System.nanoTime() - t0) / 1e9, run.finalLoss());
        return run.runId();
    }

    private static void mixedDataset(Workspace ws) throws java.io.IOException {
        DatasetStore ds = new DatasetStore(ws);
        long id = ds.create("starter-mix", "numbers-in-words and story-questions of the starter kit").id();
        for (String[] f : new String[][] {{"numbers-in-words", "Ada Okafor"}, {"story-questions", "Chen Wei"}}) {
            ds.importFile(id, Path.of("assets/starter/datasets/" + f[0] + ".jsonl"), ImportOptions.builder()
                    .format(DatasetFormat.ALPACA).contributor(f[1]).licence("CC-BY-4.0")
                    .allowedUses(Set.of(Use.TRAIN, Use.EVAL)).build(), ProgressListener.NONE, CancellationToken.NONE);
        }
        ds.freeze(id, new FreezeOptions("mix", StarterKit.SPLIT));
    }

    private static TrainingConfig config(int steps) {
        return TrainingConfig.builder().learningRate(5e-3).maxSteps(steps).batchSize(8).seqLen(128).seed(5)
                .evalEvery(steps).checkpointEvery(Math.max(1, steps / 3)).warmupSteps(10)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.O, LoraTarget.UP, LoraTarget.DOWN),
                        8, 16f, 0f, false)).build();
    }

    private static void render(StudioContext context, OutputChoice output, Path png) throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException running) {
            // started already
        }
        ErrorHandler errors = new ErrorHandler(false);
        TaskRegistry tasks = new TaskRegistry();
        StudioShell[] shell = new StudioShell[1];
        Stage[] stage = new Stage[1];
        onFx(() -> {
            shell[0] = StudioShell.builder(context).errors(errors).theme(ThemeChoice.LIGHT).persistPreferences(false)
                    .executor(new FxTaskExecutor(2, tasks, errors)).build();
            stage[0] = new Stage(javafx.stage.StageStyle.UNDECORATED);
            stage[0].setScene(new Scene(shell[0].root(), StudioSnapshots.WIDTH, HEIGHT));
            stage[0].show();
            shell[0].show(ProvenancePage.ID);
            return null;
        });
        awaitIdle(tasks); // the adapters' background load
        onFx(() -> {
            ((javafx.scene.layout.BorderPane) shell[0].root()).getCenter().fireEvent(
                    new OpenPageEvent(ProvenancePage.ID, output));
            ((Button) shell[0].root().lookup("#" + ProvenancePage.RUN_ID)).fire();
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        String status = "";
        while (!status.startsWith("Attributed") && !status.startsWith("Attribution failed") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            status = onFx(() -> ((Label) shell[0].root().lookup("#" + ProvenancePage.STATUS_ID)).getText());
        }
        System.err.println(status);
        System.err.println(onFx(() -> ((Label) shell[0].root().lookup("#" + ProvenancePage.NOTES_ID)).getText()));
        onFx(() -> { // open the first span's rows, as a click would
            shell[0].root().lookupAll(".provenance-span").stream().findFirst().ifPresent(t -> t.fireEvent(
                    new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED, 0, 0, 0, 0,
                            javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false,
                            true, false, false, null)));
            return null;
        });
        awaitIdle(tasks); // the span highlight's row lookup
        ImageIO.write(SwingFXUtils.fromFXImage(onFx(() -> stage[0].getScene().snapshot(null)), null), "png", png.toFile());
        System.err.println("spans: " + onFx(() -> shell[0].root().lookupAll(".provenance-span").stream()
                .map(t -> "[" + ((Text) t).getText() + "]").toList()));
        onFx(() -> {
            stage[0].hide();
            shell[0].shutdown();
            return null;
        });
        if (!errors.reports().isEmpty()) {
            throw new IllegalStateException("the page reported an error", errors.reports().getFirst().error());
        }
    }

    private static <T> T onFx(Callable<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    /** Polls until no background task is running (at most a minute): the page then shows its data. */
    private static void awaitIdle(TaskRegistry tasks) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        do {
            Thread.sleep(50);
        } while (!onFx(() -> tasks.activeTasks().isEmpty()) && System.nanoTime() < deadline);
    }
}
