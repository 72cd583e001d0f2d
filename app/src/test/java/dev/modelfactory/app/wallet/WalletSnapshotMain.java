package dev.modelfactory.app.wallet;

import dev.modelfactory.ledger.attribution.AttributionRecord;
import dev.modelfactory.ledger.attribution.Claim;
import dev.modelfactory.ledger.attribution.DataContribution;
import dev.modelfactory.ledger.attribution.Eip712Domain;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.log.DatasetAttestations;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Mnemonic;
import dev.modelfactory.ledger.wallet.ScryptParams;
import dev.modelfactory.ledger.wallet.Signer;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.StudioSnapshots;
import dev.modelfactory.studio.attribution.AttributionPage;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.prefs.ThemeChoice;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.wallet.WalletPage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Not a test: fills a fresh workspace with a wallet (the well-known "test ... junk" phrase, two derived
 * accounts, one unlocked), a frozen dataset attested and claimed, a record signed by a key outside the
 * wallet (signer unknown) and a sealed batch, then renders the Wallet and Ledger pages to PNG.
 * <pre>java -cp app/target/classes:app/target/test-classes:$(deps) ...WalletSnapshotMain WORKSPACE OUT-DIR</pre>
 */
public final class WalletSnapshotMain {

    private static final String JUNK = "test test test test test test test test test test test junk";

    private WalletSnapshotMain() {
    }

    public static void main(String[] args) throws Exception {
        Path wsDir = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        StudioSnapshots.useHeadlessMonocle();
        try (Workspace ws = Workspace.open(wsDir); Workspace other = Workspace.open(Files.createTempDirectory("outsider"))) {
            WalletService wallet = WalletService.builder(new WalletStore(ws)).kdf(ScryptParams.lightForTestsOnly()).build();
            char[] pw = "snapshot password".toCharArray();
            List<Account> accounts = wallet.addMnemonic(Mnemonic.parse(JUNK), List.of("curator", "alice"), pw.clone());
            wallet.unlock("curator", pw.clone());
            wallet.unlock("alice", pw.clone());
            LedgerLog log = new LedgerLog(new LogStore(ws), Clock.systemUTC());
            populate(ws, wallet, accounts, log, Files.createTempDirectory("snapshot-data"));
            WalletService outsider = WalletService.builder(new WalletStore(other)).kdf(ScryptParams.lightForTestsOnly()).build();
            Account stranger = outsider.addMnemonic(Mnemonic.generate(12, new java.security.SecureRandom()),
                    List.of("stranger"), pw.clone()).getFirst();
            outsider.unlock("stranger", pw.clone());
            DataContribution foreign = new DataContribution("grace", "recipes", "0x" + "ab".repeat(32), "0x" + "cd".repeat(32),
                    2, "CC-BY-4.0", List.of("train"), stranger.address());
            log.append(sign(outsider.signer(stranger.address()), foreign));
            wallet.lock("alice");
            WorkspaceWalletAccess access = WorkspaceWalletAccess.of(wallet, ws);
            StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(ws.root().toString(), "11")
                    .computeDevice("CPU").preferencesFile(out.resolve("ui.properties"))
                    .addPage(WalletPage.factory(access))
                    .addPage(AttributionPage.factory(new WorkspaceAttributionLedger(ws, wallet), access)).build();
            render(context, List.of(WalletPage.ID, AttributionPage.ID), out);
        }
        System.exit(0);
    }

    private static void populate(Workspace ws, WalletService wallet, List<Account> accounts, LedgerLog log, Path folder)
            throws Exception {
        DatasetStore store = new DatasetStore(ws);
        DatasetInfo ds = store.create("recipes", "Cooking questions and answers");
        for (String who : List.of("alice", "bob")) {
            Path f = Files.writeString(folder.resolve(who + ".jsonl"), "{\"instruction\":\"How long to boil an egg? ("
                    + who + ")\",\"output\":\"Seven minutes.\"}\n{\"instruction\":\"What is a roux? (" + who
                    + ")\",\"output\":\"Flour cooked in fat.\"}\n");
            store.importFile(ds.id(), f, ImportOptions.builder().contributor(who).licence("CC-BY-4.0")
                    .allowedUses(Set.of(Use.TRAIN, Use.EVAL)).build(), ProgressListener.NONE, CancellationToken.NONE);
        }
        DatasetVersion v = store.freeze(ds.id(), FreezeOptions.DEFAULT);
        Account curator = accounts.get(0);
        List<SignedRecord> signed = new ArrayList<>();
        for (AttributionRecord r : DatasetAttestations.forVersion(store, ds, v, curator.address(), ProgressListener.NONE,
                CancellationToken.NONE)) {
            signed.add(sign(wallet.signer(curator.address()), r));
        }
        log.append(signed);
        log.sealBatch();
        Account alice = accounts.get(1);
        log.append(sign(wallet.signer(alice.address()), new Claim(alice.address(), List.of(signed.getFirst().id()))));
    }

    private static SignedRecord sign(Signer signer, AttributionRecord record) {
        TypedData data = record.toTypedData(Eip712Domain.ATTRIBUTION);
        return new SignedRecord(data, signer.signTypedData(data), signer.address());
    }

    /** Shows each page in one 1440x900 shell and writes OUT/PAGE-ID.png. */
    private static void render(StudioContext context, List<String> pageIds, Path out) throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException running) {
            // started already
        }
        ErrorHandler errors = new ErrorHandler(false);
        StudioShell[] shell = new StudioShell[1];
        Stage[] stage = new Stage[1];
        onFx(() -> {
            shell[0] = StudioShell.builder(context).errors(errors).theme(ThemeChoice.LIGHT).persistPreferences(false)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).build();
            stage[0] = new Stage(javafx.stage.StageStyle.UNDECORATED);
            stage[0].setX(0);
            stage[0].setY(0);
            stage[0].setScene(new Scene(shell[0].root(), 1440, 900));
            stage[0].show();
            return null;
        });
        for (String pageId : pageIds) {
            onFx(() -> {
                shell[0].show(pageId);
                return null;
            });
            Thread.sleep(3000); // background loads (ledger, balances) of a small workspace; a picture, not a measurement
            BufferedImage image = SwingFXUtils.fromFXImage(onFx(() -> stage[0].getScene().snapshot(null)), null);
            ImageIO.write(image, "png", out.resolve(pageId + ".png").toFile());
        }
        // The lower part of the Ledger page, with the first record's details open, for a visual check.
        onFx(() -> {
            javafx.scene.Node view = shell[0].currentPage().view();
            view.lookupAll(".button").stream().filter(n -> n instanceof javafx.scene.control.Button b
                    && "Details".equals(b.getText())).findFirst()
                    .ifPresent(n -> ((javafx.scene.control.Button) n).fire());
            return null;
        });
        Thread.sleep(500);
        onFx(() -> {
            ((javafx.scene.control.ScrollPane) shell[0].currentPage().view()).setVvalue(1.0);
            return null;
        });
        Thread.sleep(500);
        ImageIO.write(SwingFXUtils.fromFXImage(onFx(() -> stage[0].getScene().snapshot(null)), null), "png",
                out.resolve(pageIds.getLast() + "-lower.png").toFile());
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
}
