package dev.modelfactory.app.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Addresses;
import dev.modelfactory.ledger.wallet.HdDerivation;
import dev.modelfactory.ledger.wallet.Mnemonic;
import dev.modelfactory.ledger.wallet.ScryptParams;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.attribution.AttributionPage;
import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.task.FxTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.wallet.SigningDialog;
import dev.modelfactory.studio.wallet.WalletFiles;
import dev.modelfactory.studio.wallet.WalletPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Wallet and Ledger pages in the real shell, headless, over a real temporary workspace. */
@ExtendWith(ApplicationExtension.class)
class WalletPagesTest {

    private static final long TIMEOUT = 60;
    private static final String PASSWORD = "correct horse";

    @TempDir
    Path temp;

    private final ErrorHandler errors = new ErrorHandler(false);
    private final MutableClock clock = new MutableClock();
    private Workspace ws;
    private WalletService service;
    private StudioShell shell;
    private Stage stage;

    @BeforeEach
    void open(FxRobot robot) throws Exception {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(Level.OFF);
        ws = Workspace.open(temp.resolve("ws"));
        service = WalletService.builder(new WalletStore(ws)).kdf(ScryptParams.lightForTestsOnly()).clock(clock)
                .idleLock(java.time.Duration.ofMinutes(5)).build();
        WorkspaceWalletAccess wallet = WorkspaceWalletAccess.of(service, ws);
        WalletFiles noFiles = new WalletFiles() {
            @Override
            public Optional<Path> openKeystore(Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> saveKeystore(Window owner, String suggestedName) {
                return Optional.of(temp.resolve(suggestedName));
            }
        };
        StudioContext context = StudioContext.builder().appVersion("0.1.0").workspace(ws.root().toString(), "11")
                .computeDevice("CPU").preferencesFile(temp.resolve("ui.properties"))
                .addPage(WalletPage.factory(wallet, noFiles))
                .addPage(AttributionPage.factory(new WorkspaceAttributionLedger(ws, service), wallet)).build();
        robot.interact(() -> {
            shell = StudioShell.builder(context).errors(errors)
                    .executor(new FxTaskExecutor(2, new TaskRegistry(), errors)).persistPreferences(false).build();
            stage = new Stage();
            stage.setScene(new Scene(shell.root(), 1240, 780));
            stage.show();
        });
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(null);
        robot.interact(() -> {
            shell.shutdown();
            stage.close();
        });
        ws.close();
    }

    @Test
    void createWalletConfirmWordsThenLockAndUnlock(FxRobot robot) throws Exception {
        robot.interact(() -> shell.show(WalletPage.ID));
        waitUntil(() -> fx(() -> robot.lookup("#" + WalletPage.EMPTY_ID).tryQuery().isPresent()));
        robot.clickOn("#" + WalletPage.CREATE_ID);
        robot.clickOn("#wallet-create-generate");
        List<String> words = fx(() -> {
            List<String> w = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                w.add(robot.lookup("#wallet-create-word-" + i).queryAs(Label.class).getText().replaceFirst("^\\d+\\. ", ""));
            }
            return w;
        });
        Mnemonic mnemonic = Mnemonic.parse(String.join(" ", words));
        robot.clickOn("#wallet-create-wrote");
        assertThat(fx(() -> robot.lookup("#wallet-create-word-1").tryQuery().isPresent())).as("words shown once").isFalse();

        List<Integer> positions = fx(() -> List.of(0, 1, 2).stream().map(i -> Integer.parseInt(
                robot.lookup("#wallet-create-confirm-" + i).queryAs(TextField.class).getPromptText().replace("word #", "")))
                .toList());
        String wrong = words.get(positions.get(1) - 1).equals("abandon") ? "zoo" : "abandon";
        setText(robot, "#wallet-create-confirm-0", words.get(positions.get(0) - 1));
        setText(robot, "#wallet-create-confirm-1", wrong);
        setText(robot, "#wallet-create-confirm-2", words.get(positions.get(2) - 1));
        robot.clickOn("#wallet-create-check");
        assertThat(fx(() -> label(robot, "#wallet-create-error"))).contains("Word #" + positions.get(1) + " does not match");
        assertThat(service.accounts()).isEmpty();

        setText(robot, "#wallet-create-confirm-1", words.get(positions.get(1) - 1));
        robot.clickOn("#wallet-create-check");
        setText(robot, "#wallet-create-password", PASSWORD);
        setText(robot, "#wallet-create-repeat", PASSWORD);
        robot.clickOn("#wallet-create-finish");
        waitUntil(() -> fx(() -> robot.lookup("#" + WalletPage.ADDRESS_ID + "main").tryQuery().isPresent()));

        String expected = Addresses.ofPrivateKey(HdDerivation.privateKey(mnemonic.seed(""), 0));
        String shown = fx(() -> robot.lookup("#" + WalletPage.ADDRESS_ID + "main").queryAs(TextField.class).getText());
        assertThat(shown).isEqualTo(expected).isEqualTo(Addresses.checksum(shown.toLowerCase()))
                .isNotEqualTo(shown.toLowerCase());
        assertThat(fx(() -> label(robot, "#" + WalletPage.STATE_ID + "main"))).isEqualTo("Locked");
        assertThat(fx(() -> label(robot, "#" + WalletPage.BALANCE_ID + "main"))).contains("no RPC endpoint set");

        setText(robot, "#" + WalletPage.PASSWORD_ID + "main", "not the password");
        robot.clickOn("#" + WalletPage.UNLOCK_ID + "main");
        waitUntil(() -> fx(() -> label(robot, "#" + WalletPage.MESSAGE_ID)).contains("wrong password"));
        assertThat(fx(() -> label(robot, "#" + WalletPage.STATE_ID + "main"))).isEqualTo("Locked");
        assertThat(service.isUnlocked("main")).isFalse();

        setText(robot, "#" + WalletPage.PASSWORD_ID + "main", PASSWORD);
        robot.clickOn("#" + WalletPage.UNLOCK_ID + "main");
        waitUntil(() -> fx(() -> label(robot, "#" + WalletPage.STATE_ID + "main")).equals("Unlocked"));
        assertThat(service.isUnlocked("main")).isTrue();
        robot.clickOn("#" + WalletPage.LOCK_ID + "main");
        assertThat(fx(() -> label(robot, "#" + WalletPage.STATE_ID + "main"))).isEqualTo("Locked");
        assertThat(service.isUnlocked("main")).isFalse();
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void recordsAreSignedOnlyThroughTheDialogAndTamperingIsFound(FxRobot robot) throws Exception {
        Account curator = service.importPrivateKey(HexFormat.of().parseHex(
                "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d"), "curator", PASSWORD.toCharArray());
        freezeDataset();
        LedgerLog log = new LedgerLog(new LogStore(ws), Clock.systemUTC());
        robot.interact(() -> shell.show(AttributionPage.ID));
        waitUntil(() -> fx(() -> robot.lookup("#" + AttributionPage.VERSION_ID).queryAs(javafx.scene.control.ChoiceBox.class)
                .getValue() != null));

        robot.clickOn("#" + AttributionPage.ATTEST_ID);
        waitUntil(() -> fx(() -> robot.lookup("#" + SigningDialog.DIALOG_ID).tryQuery().isPresent()));
        String dialogText = fx(() -> texts(robot.lookup("#" + SigningDialog.DIALOG_ID).query()));
        assertThat(dialogText).contains("Sign a DataContribution record").contains("ModelFactory Attribution")
                .contains(curator.address()).contains("contributor").contains("alice").contains("verifyingContract");
        robot.clickOn("#" + SigningDialog.CANCEL_ID);
        waitUntil(() -> fx(() -> label(robot, "#" + AttributionPage.MESSAGE_ID)).contains("nothing was signed"));
        assertThat(log.size()).isZero();
        assertThat(service.isUnlocked("curator")).isFalse();

        robot.clickOn("#" + AttributionPage.ATTEST_ID);
        waitUntil(() -> fx(() -> robot.lookup("#" + SigningDialog.PASSWORD_ID).tryQuery().isPresent()));
        setText(robot, "#" + SigningDialog.PASSWORD_ID, "wrong password");
        robot.clickOn("#" + SigningDialog.SIGN_ID);
        waitUntil(() -> fx(() -> label(robot, "#" + SigningDialog.ERROR_ID)).contains("Wrong password"));
        assertThat(log.size()).isZero();
        setText(robot, "#" + SigningDialog.PASSWORD_ID, PASSWORD);
        robot.clickOn("#" + SigningDialog.SIGN_ID);
        for (int i = 0; i < 2; i++) { // alice's contribution was signed with the password; bob's, the version
            int shown = i;
            waitUntil(() -> fx(() -> robot.lookup("#" + SigningDialog.DIALOG_ID).queryAll().stream()
                    .filter(n -> n.getScene().getWindow().isShowing()).count() == 1
                    && dialogText(robot).contains(shown == 0 ? "bob" : "DatasetVersion")));
            assertThat(log.size()).isZero();
            robot.clickOn(fx(() -> visibleDialog(robot).lookup("#" + SigningDialog.SIGN_ID)));
        }
        waitUntil(() -> log.size() == 3);
        waitUntil(() -> fx(() -> robot.lookup("#" + AttributionPage.BADGE_ID + "3").tryQuery().isPresent()));
        for (int seq = 1; seq <= 3; seq++) {
            int n = seq;
            assertThat(fx(() -> label(robot, "#" + AttributionPage.BADGE_ID + n))).isEqualTo("valid");
        }

        // Claim alice's record: the claim is signed through the dialog too.
        // (below the fold: selected and pressed as a click would, without scrolling the page)
        robot.interact(() -> robot.lookup("#" + AttributionPage.SELECT_ID + "1").queryAs(CheckBox.class).setSelected(true));
        robot.interact(() -> claimButtonOfGroupWith(robot, 1).fire());
        waitUntil(() -> fx(() -> dialogText(robot).contains("Sign a Claim record")));
        robot.clickOn(fx(() -> visibleDialog(robot).lookup("#" + SigningDialog.SIGN_ID)));
        waitUntil(() -> log.size() == 4);
        waitUntil(() -> fx(() -> robot.lookup("#" + AttributionPage.BADGE_ID + "4").tryQuery().isPresent()));
        assertThat(fx(() -> label(robot, "#" + AttributionPage.BADGE_ID + "4"))).isEqualTo("valid");

        robot.clickOn("#" + AttributionPage.VERIFY_ID);
        waitUntil(() -> fx(() -> label(robot, "#" + AttributionPage.VERIFY_RESULT_ID)).contains("intact"));
        ws.jdbc().inTransaction("tamper", c -> c.createStatement().executeUpdate(
                "UPDATE ledger_entry SET typed_data = REPLACE(typed_data, 'recipes', 'recipez') WHERE seq = 2"));
        robot.clickOn("#" + AttributionPage.VERIFY_ID);
        waitUntil(() -> fx(() -> label(robot, "#" + AttributionPage.VERIFY_RESULT_ID)).startsWith("Entry #2 is bad"));
        assertThat(errors.reports()).isEmpty();
    }

    @Test
    void anUnlockedAccountLocksItselfWhenLeftIdleButNotWhileTheUserIsActive(FxRobot robot) throws Exception {
        service.importPrivateKey(HexFormat.of().parseHex(
                "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d"), "payer", PASSWORD.toCharArray());
        service.unlock("payer", PASSWORD.toCharArray());
        robot.interact(() -> shell.show(WalletPage.ID));
        waitUntil(() -> fx(() -> robot.lookup("#" + WalletPage.STATE_ID + "payer").tryQuery().isPresent()));
        assertThat(fx(() -> label(robot, "#" + WalletPage.STATE_ID + "payer"))).isEqualTo("Unlocked");
        WalletPage page = fx(() -> (WalletPage) shell.currentPage());

        clock.advance(java.time.Duration.ofMinutes(4));
        robot.clickOn("#" + WalletPage.ADDRESS_ID + "payer"); // user activity on the page
        clock.advance(java.time.Duration.ofMinutes(4));
        robot.interact(page::expireIdle); // what the page's timer runs
        assertThat(fx(() -> label(robot, "#" + WalletPage.STATE_ID + "payer"))).isEqualTo("Unlocked");

        clock.advance(java.time.Duration.ofMinutes(5));
        robot.interact(page::expireIdle);
        assertThat(fx(() -> label(robot, "#" + WalletPage.STATE_ID + "payer"))).isEqualTo("Locked");
        assertThat(fx(() -> label(robot, "#" + WalletPage.MESSAGE_ID))).contains("locked after being left idle");
        assertThat(service.isUnlocked("payer")).isFalse();
    }

    @Test
    void importAPrivateKeyThenExportItsKeystore(FxRobot robot) throws Exception {
        robot.interact(() -> shell.show(WalletPage.ID));
        robot.clickOn("#" + WalletPage.IMPORT_ID);
        robot.interact(() -> robot.lookup("#wallet-import-kind").queryAs(javafx.scene.control.ChoiceBox.class)
                .setValue("Private key"));
        setText(robot, "#wallet-import-name", "payer");
        setText(robot, "#wallet-import-secret", "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d");
        setText(robot, "#wallet-import-password", PASSWORD);
        setText(robot, "#wallet-import-repeat", "something else");
        robot.clickOn("#wallet-import-go");
        assertThat(fx(() -> label(robot, "#wallet-import-error"))).isEqualTo("The two passwords differ.");
        assertThat(service.accounts()).isEmpty();

        setText(robot, "#wallet-import-secret", "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d");
        setText(robot, "#wallet-import-password", PASSWORD);
        setText(robot, "#wallet-import-repeat", PASSWORD);
        robot.clickOn("#wallet-import-go");
        waitUntil(() -> fx(() -> robot.lookup("#" + WalletPage.ADDRESS_ID + "payer").tryQuery().isPresent()));
        String address = "0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1"; // ganache's deterministic account 0
        assertThat(fx(() -> robot.lookup("#" + WalletPage.ADDRESS_ID + "payer").queryAs(TextField.class).getText()))
                .isEqualTo(address);
        assertThat(fx(() -> robot.lookup("#wallet-import").tryQuery().isPresent())).isFalse();

        robot.clickOn("#" + WalletPage.EXPORT_ID + "payer");
        Path exported = temp.resolve("payer-" + address + ".json");
        waitUntil(() -> Files.exists(exported));
        byte[] key = dev.modelfactory.ledger.wallet.KeystoreV3.decrypt(Files.readString(exported),
                PASSWORD.toCharArray(), "the exported file");
        assertThat(Addresses.ofPrivateKey(key)).isEqualTo(address);
        assertThat(Files.readString(exported)).doesNotContain("4f3edf98");
        assertThat(errors.reports()).isEmpty();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        void advance(java.time.Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    private void freezeDataset() throws Exception {
        DatasetStore store = new DatasetStore(ws);
        DatasetInfo ds = store.create("recipes", "");
        for (String who : List.of("alice", "bob")) {
            Path f = Files.writeString(temp.resolve(who + ".jsonl"), "{\"instruction\":\"Q " + who
                    + "\",\"output\":\"A\"}\n{\"instruction\":\"R " + who + "\",\"output\":\"B\"}\n");
            store.importFile(ds.id(), f, ImportOptions.builder().contributor(who).licence("MIT")
                    .allowedUses(Set.of(Use.TRAIN)).build(), ProgressListener.NONE, CancellationToken.NONE);
        }
        store.freeze(ds.id(), FreezeOptions.DEFAULT);
    }

    private static Node visibleDialog(FxRobot robot) {
        return robot.lookup("#" + SigningDialog.DIALOG_ID).queryAll().stream()
                .filter(n -> n.getScene().getWindow().isShowing()).findFirst().orElseThrow();
    }

    /** The Claim button of the group (panel) that lists entry {@code seq}. */
    private static Button claimButtonOfGroupWith(FxRobot robot, long seq) {
        for (int i = 0; ; i++) {
            Button b = robot.lookup("#" + AttributionPage.CLAIM_ID + i).queryAs(Button.class);
            if (b.getParent().getParent().lookup("#" + AttributionPage.SELECT_ID + seq) != null) {
                return b;
            }
        }
    }

    private static String dialogText(FxRobot robot) {
        return robot.lookup("#" + SigningDialog.DIALOG_ID).queryAll().stream()
                .filter(n -> n.getScene().getWindow().isShowing()).findFirst().map(WalletPagesTest::texts).orElse("");
    }

    /** Every label's text under {@code root}, one per line. */
    private static String texts(Node root) {
        StringBuilder b = new StringBuilder();
        if (root instanceof Label l) {
            b.append(l.getText()).append('\n');
        }
        if (root instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> b.append(texts(c)));
        }
        if (root instanceof javafx.scene.control.ScrollPane s && s.getContent() != null) {
            b.append(texts(s.getContent()));
        }
        return b.toString();
    }

    private static void setText(FxRobot robot, String query, String text) {
        robot.interact(() -> robot.lookup(query).queryAs(TextInputControl.class).setText(text));
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(TIMEOUT, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
