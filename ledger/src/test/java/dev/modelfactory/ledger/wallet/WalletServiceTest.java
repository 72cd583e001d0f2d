package dev.modelfactory.ledger.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

class WalletServiceTest {

    static final String JUNK = "test test test test test test test test test test test junk";
    static final char[] PW = "correct horse".toCharArray();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    private WalletService wallet(Workspace ws) {
        return WalletService.builder(new WalletStore(ws)).kdf(ScryptParams.lightForTestsOnly()).clock(clock)
                .idleLock(Duration.ofMinutes(5)).build();
    }

    @Test
    void mnemonicAccountsAreMetaMasksAndStoredOnlyEncrypted() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            WalletService w = wallet(ws);
            List<Account> made = w.addMnemonic(Mnemonic.parse(JUNK), List.of("main", "second"), PW);
            assertThat(made).extracting(Account::address).containsExactly(
                    "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
            assertThat(made.get(1).path()).contains("m/44'/60'/0'/0/1");
            Account third = w.deriveNext("third", PW);
            assertThat(third.address()).isEqualTo("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
            assertThat(third.derivationIndex()).contains(2);
            assertThatThrownBy(() -> w.deriveNext("fourth", "nope".toCharArray()))
                    .isInstanceOf(WrongPasswordException.class).hasMessageContaining("mnemonic");
            assertThat(w.revealMnemonic(PW)).isEqualTo(Mnemonic.parse(JUNK));
            assertThatThrownBy(() -> w.addMnemonic(Mnemonic.parse(JUNK), List.of("again"), PW))
                    .hasMessageContaining("already has a mnemonic");
            assertThatThrownBy(() -> w.importPrivateKey(Hash.sha3("cow".getBytes(StandardCharsets.UTF_8)), "main", PW))
                    .hasMessageContaining("named 'main'");
            assertThat(w.accounts()).extracting(Account::name).containsExactly("main", "second", "third");
        }
        byte[] db = Files.readAllBytes(dir.resolve("workspace.mv.db"));
        String raw = new String(db, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
                .doesNotContain("test test test").doesNotContain("junk");
    }

    @Test
    void unlockSignAutoLockAndWrongPassword() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            WalletService w = wallet(ws);
            w.importPrivateKey(Hash.sha3("cow".getBytes(StandardCharsets.UTF_8)), "cow", PW);
            Signer signer = w.signer("cow");
            TypedData mail = TypedData.parse(dev.modelfactory.ledger.attribution.TypedDataMailTest.MAIL);
            assertThatThrownBy(() -> signer.signTypedData(mail)).isInstanceOf(WalletLockedException.class)
                    .hasMessageContaining("cow is locked");
            assertThatThrownBy(() -> w.unlock("cow", "wrong".toCharArray()))
                    .isInstanceOf(WrongPasswordException.class).hasMessage("wrong password for account cow");
            w.unlock("cow", PW); // no lock-out after a wrong password
            assertThat(signer.signTypedData(mail).hex()).isEqualTo(dev.modelfactory.ledger.attribution.TypedDataMailTest.SIGNATURE);
            clock.advance(Duration.ofMinutes(4));
            assertThat(w.isUnlocked("cow")).isTrue();
            signer.signTypedData(mail); // use resets the idle timer
            clock.advance(Duration.ofMinutes(4));
            assertThat(w.isUnlocked("COW".toLowerCase())).isTrue();
            clock.advance(Duration.ofMinutes(1));
            assertThatThrownBy(() -> signer.signTypedData(mail)).isInstanceOf(WalletLockedException.class);
            assertThat(w.isUnlocked("cow")).isFalse();
            w.unlock("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826", PW);
            w.lockAll();
            assertThat(w.isUnlocked("cow")).isFalse();
        }
    }

    @Test
    void keyMaterialIsZeroedOnWipe() {
        KeyMaterial k = new KeyMaterial(Hash.sha3("cow".getBytes(StandardCharsets.UTF_8)));
        assertThat(k.allZero()).isFalse();
        k.wipe();
        assertThat(k.allZero()).isTrue();
        assertThat(k.toString()).doesNotContain("c85ef7d7");
        assertThatThrownBy(() -> k.signDigest(new byte[32])).isInstanceOf(WalletLockedException.class);
    }

    @Test
    void keystoreImportOfTheSpecVectorAndExportRoundTrip() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            WalletService w = wallet(ws);
            Account a = w.importKeystore(KeystoreV3Test.PBKDF2, KeystoreV3Test.PASSWORD, "vector", PW);
            assertThat(a.address()).isEqualTo("0x008AeEda4D805471dF9b2A5B0f38A0C3bCBA786b");
            assertThat(a.source()).isEqualTo("keystore");
            String exported = w.exportKeystore("vector");
            assertThat(exported).contains("\"kdf\":\"scrypt\"").contains("008aeeda4d805471df9b2a5b0f38a0c3bcba786b");
            assertThat(HexFormat.of().formatHex(KeystoreV3.decrypt(exported, PW, "x"))).isEqualTo(KeystoreV3Test.SECRET);
            assertThatThrownBy(() -> w.importKeystore(KeystoreV3Test.PBKDF2, "bad".toCharArray(), "v2", PW))
                    .isInstanceOf(WrongPasswordException.class).hasMessageContaining("keystore file");
            assertThatThrownBy(() -> w.account("nobody")).hasMessageContaining("no wallet account");
        }
    }

    @Test
    void identiconIsDeterministicMirroredAndCaseInsensitive() {
        Identicon a = Identicon.of("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        Identicon same = Identicon.of("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        Identicon other = Identicon.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        boolean differs = false;
        for (int r = 0; r < Identicon.SIZE; r++) {
            for (int c = 0; c < Identicon.SIZE; c++) {
                assertThat(a.cell(r, c)).isEqualTo(same.cell(r, c)).isEqualTo(a.cell(r, Identicon.SIZE - 1 - c)).isBetween(0, 2);
                differs |= a.cell(r, c) != other.cell(r, c);
            }
        }
        assertThat(differs || a.foregroundRgb() != other.foregroundRgb()).isTrue();
        assertThat(a.foregroundRgb()).isEqualTo(same.foregroundRgb()).isBetween(0, 0xffffff);
    }

    @Test
    void checksumAddressesCatchTypos() {
        assertThat(Addresses.checksum("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"))
                .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThatThrownBy(() -> Addresses.checksum("0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"))
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> Addresses.checksum("0x1234")).hasMessageContaining("not an address");
    }
}
