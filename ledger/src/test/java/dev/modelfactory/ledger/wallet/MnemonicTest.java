package dev.modelfactory.ledger.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** BIP-39 (Trezor's official vectors.json, passphrase "TREZOR") and MetaMask's derivation path. */
class MnemonicTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            00000000000000000000000000000000|abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about|c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04
            7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f|legal winner thank year wave sausage worth useful legal winner thank yellow|2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607
            80808080808080808080808080808080|letter advice cage absurd amount doctor acoustic avoid letter advice cage above|d71de856f81a8acc65e6fc851a38d4d7ec216fd0796d0a6827a3ad6ed5511a30fa280f12eb2e47ed2ac03b5c462a0358d18d69fe4f985ec81778c1b370b652a8
            ffffffffffffffffffffffffffffffff|zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong|ac27495480225222079d7be181583751e86f571027b0497b5b5d11218e0a8a13332572917f0f8e5a589620c6f15b11c61dee327651a14c34e18231052e48c069
            0000000000000000000000000000000000000000000000000000000000000000|abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art|bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8
            7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f|legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title|bc09fca1804f7e69da93c2f2028eb238c227f2e9dda30cd63699232578480a4021b146ad717fbb7e451ce9eb835f43620bf5c514db0f8add49f5d121449d3e87
            8080808080808080808080808080808080808080808080808080808080808080|letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic bless|c0c519bd0e91a2ed54357d9d1ebef6f5af218a153624cf4f2da911a0ed8f7a09e2ef61af0aca007096df430022f7a2b6fb91661a9589097069720d015e4e982f
            ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff|zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote|dd48c104698c30cfe2b6142103248622fb7bb0ff692eebb00089b32d22484e1613912f0a5b694407be899ffd31ed3992c456cdf60f5d4564b8ba3f05a69890ad
            """)
    void trezorVectors(String entropy, String words, String seed) {
        Mnemonic fromEntropy = Mnemonic.fromEntropy(HexFormat.of().parseHex(entropy));
        assertThat(String.join(" ", fromEntropy.words())).isEqualTo(words);
        Mnemonic parsed = Mnemonic.parse(words);
        assertThat(parsed).isEqualTo(fromEntropy);
        assertThat(HexFormat.of().formatHex(parsed.entropy())).isEqualTo(entropy);
        assertThat(HexFormat.of().formatHex(parsed.seed("TREZOR"))).isEqualTo(seed);
    }

    @Test
    void metaMasksDefaultAccountsOfTheTestJunkMnemonic() {
        byte[] seed = Mnemonic.parse("test test test test test test test test test test test junk").seed("");
        assertThat(Addresses.ofPrivateKey(HdDerivation.privateKey(seed, 0)))
                .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(HexFormat.of().formatHex(HdDerivation.privateKey(seed, 0)))
                .isEqualTo("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        assertThat(Addresses.ofPrivateKey(HdDerivation.privateKey(seed, 1)))
                .isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        assertThat(HdDerivation.path(3)).isEqualTo("m/44'/60'/0'/0/3");
    }

    @Test
    void generatedMnemonicsHaveTheAskedSizeAndValidChecksum() {
        SecureRandom random = new SecureRandom();
        for (int words : new int[] {12, 24}) {
            Mnemonic m = Mnemonic.generate(words, random);
            assertThat(m.words()).hasSize(words);
            assertThat(Mnemonic.parse(String.join("  ", m.words()).toUpperCase())).isEqualTo(m);
            assertThat(m.toString()).doesNotContain(m.words().get(0) + " ");
        }
        assertThatThrownBy(() -> Mnemonic.generate(15, random)).hasMessageContaining("12 or 24");
    }

    @Test
    void badMnemonicsSayWhatIsWrong() {
        assertThatThrownBy(() -> Mnemonic.parse("abandon abandon")).hasMessageContaining("has 2");
        assertThatThrownBy(() -> Mnemonic.parse("abandon ".repeat(4) + "zzz " + "abandon ".repeat(6) + "about"))
                .hasMessageContaining("word 5");
        assertThatThrownBy(() -> Mnemonic.parse("abandon ".repeat(11) + "abandon")).hasMessageContaining("checksum");
    }

    @Test
    void confirmationChecksTheChosenPositions() {
        Mnemonic m = Mnemonic.parse("legal winner thank year wave sausage worth useful legal winner thank yellow");
        MnemonicConfirmation c = MnemonicConfirmation.challenge(m, 3, new SecureRandom());
        assertThat(c.positions()).hasSize(3).isSorted().allMatch(p -> p >= 1 && p <= 12);
        List<String> right = new ArrayList<>();
        c.positions().forEach(p -> right.add(" " + m.words().get(p - 1).toUpperCase() + " "));
        assertThat(c.confirms(right)).isTrue();
        List<String> wrong = new ArrayList<>(right);
        wrong.set(1, "abandon");
        assertThat(c.wrongPositions(wrong)).containsExactly(c.positions().get(1));
        assertThatThrownBy(() -> c.wrongPositions(List.of("x"))).hasMessageContaining("expected 3");
    }
}
