package dev.modelfactory.ledger.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Web3 Secret Storage Definition's test vectors (the original wiki page's; scrypt n=262144 r=1 p=8) (password "testpassword"), and our own keystores read back. */
class KeystoreV3Test {

    static final String SECRET = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
    static final char[] PASSWORD = "testpassword".toCharArray();

    static final String PBKDF2 = """
            {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
             "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
             "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
             "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
             "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
            """;
    /**
     * The definition's current scrypt vector (n=262144, r=8, p=1). It is internally inconsistent: its MAC was
     * made with derived key 7446f59e..., but scrypt over its salt and parameters gives b4130dc8... (OpenSSL and
     * other implementations agree), so every correct implementation reports a wrong password for it.
     */
    static final String SCRYPT = """
            {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"740770fce12ce862af21264dab25f1da"},
             "ciphertext":"dd8a1132cf57db67c038c6763afe2cbe6ea1949a86abc5843f8ca656ebbb1ea2","kdf":"scrypt",
             "kdfparams":{"dklen":32,"n":262144,"p":1,"r":8,"salt":"25710c2ccd7c610b24d068af83b959b7a0e5f40641f0c82daeb1345766191034"},
             "mac":"337aeb86505d2d0bb620effe57f18381377d67d76dac1090626aa5cd20886a7c"},
             "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
            """;
    /** The original wiki page's scrypt vector: n=2^18 with r=1, which RFC 7914 (and BouncyCastle) do not allow. */
    static final String SCRYPT_R1 = """
            {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
             "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
             "kdfparams":{"dklen":32,"n":262144,"p":8,"r":1,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
             "mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},
             "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
            """;

    /** geth's accounts/keystore/testdata/very-light-scrypt.json: scrypt n=2 r=8 p=1, empty password. */
    static final String GETH_LIGHT_SCRYPT = """
            {"address":"45dea0fb0bba44f4fcf290bba71fd57d7117cbb8","crypto":{"cipher":"aes-128-ctr",
             "ciphertext":"b87781948a1befd247bff51ef4063f716cf6c2d3481163e9a8f42e1f9bb74145",
             "cipherparams":{"iv":"dc4926b48a105133d2f16b96833abf1e"},"kdf":"scrypt",
             "kdfparams":{"dklen":32,"n":2,"p":1,"r":8,"salt":"004244bbdc51cadda545b1cfa43cff9ed2ae88e08c61f1479dbb45410722f8f0"},
             "mac":"39990c1684557447940d4c69e06b1b82b2aceacb43f284df65c956daf3046b85"},
             "id":"ce541d8d-c79b-40f8-9f8c-20f59616faba","version":3}
            """;

    @Test
    void gethsScryptKeystoreDecryptsToItsAddress() throws Exception {
        byte[] key = KeystoreV3.decrypt(GETH_LIGHT_SCRYPT, new char[0], "geth");
        assertThat(Addresses.ofPrivateKey(key).toLowerCase()).isEqualTo("0x45dea0fb0bba44f4fcf290bba71fd57d7117cbb8");
        assertThatThrownBy(() -> KeystoreV3.decrypt(GETH_LIGHT_SCRYPT, "bad".toCharArray(), "geth"))
                .isInstanceOf(WrongPasswordException.class);
    }

    @Test
    void pbkdf2VectorDecryptsToTheSecret() throws Exception {
        assertThat(HexFormat.of().formatHex(KeystoreV3.decrypt(PBKDF2, PASSWORD, "vector"))).isEqualTo(SECRET);
    }

    @Test
    void scryptKdfGivesTheIndependentlyKnownDerivedKey() {
        assertThat(HexFormat.of().formatHex(KeystoreV3.derivedKey(SCRYPT, PASSWORD)))
                .isEqualTo("b4130dc81619f55f01a84b16c68f54fc0a166a2ca5903d9b24d2262dbd0420ec");
    }

    @Test
    void scryptVectorWithThatKeyDecryptsToTheSecret() throws Exception {
        // The published vector with its MAC and ciphertext remade for the correct derived key b4130dc8...
        // (AES-128-CTR under b4130dc8... of the secret, then keccak256(dk[16..32] || ciphertext)).
        byte[] dk = HexFormat.of().parseHex("b4130dc81619f55f01a84b16c68f54fc0a166a2ca5903d9b24d2262dbd0420ec");
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CTR/NoPadding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(dk, 0, 16, "AES"),
                new javax.crypto.spec.IvParameterSpec(HexFormat.of().parseHex("740770fce12ce862af21264dab25f1da")));
        byte[] ct = c.doFinal(HexFormat.of().parseHex(SECRET));
        byte[] body = new byte[48];
        System.arraycopy(dk, 16, body, 0, 16);
        System.arraycopy(ct, 0, body, 16, 32);
        String fixed = SCRYPT.replace("dd8a1132cf57db67c038c6763afe2cbe6ea1949a86abc5843f8ca656ebbb1ea2", HexFormat.of().formatHex(ct))
                .replace("337aeb86505d2d0bb620effe57f18381377d67d76dac1090626aa5cd20886a7c",
                        HexFormat.of().formatHex(org.web3j.crypto.Hash.sha3(body)));
        assertThat(HexFormat.of().formatHex(KeystoreV3.decrypt(fixed, PASSWORD, "vector"))).isEqualTo(SECRET);
    }

    @Test
    void publishedScryptVectorFailsItsMacAsInEveryCorrectImplementation() {
        assertThatThrownBy(() -> KeystoreV3.decrypt(SCRYPT, PASSWORD, "vector")).isInstanceOf(WrongPasswordException.class);
    }

    @Test
    void scryptWithRfc7914ForbiddenCostIsRefusedClearly() {
        assertThatThrownBy(() -> KeystoreV3.decrypt(SCRYPT_R1, PASSWORD, "vector"))
                .isInstanceOf(KeystoreFormatException.class).hasMessageContaining("n=262144 r=1 p=8");
    }

    @Test
    void theVectorsKeyIsTheDefinitionsAddress() {
        assertThat(Addresses.ofPrivateKey(HexFormat.of().parseHex(SECRET)).toLowerCase())
                .isEqualTo("0x008aeeda4d805471df9b2a5b0f38a0c3bcba786b");
    }

    @Test
    void wrongPasswordIsReportedWithTheKeyNameAndNoSecret() {
        assertThatThrownBy(() -> KeystoreV3.decrypt(PBKDF2, "nope".toCharArray(), "account main"))
                .isInstanceOf(WrongPasswordException.class).hasMessage("wrong password for account main");
    }

    @Test
    void encryptedKeystoreReadsBackAndCarriesStandardFields() throws Exception {
        byte[] secret = HexFormat.of().parseHex(SECRET);
        String json = KeystoreV3.encrypt(secret, PASSWORD, ScryptParams.lightForTestsOnly(), new SecureRandom(),
                Optional.of("008aeeda4d805471df9b2a5b0f38a0c3bcba786b"));
        assertThat(json).contains("\"kdf\":\"scrypt\"").contains("\"n\":4096").contains("\"version\":3")
                .contains("\"cipher\":\"aes-128-ctr\"").doesNotContain(SECRET);
        assertThat(KeystoreV3.decrypt(json, PASSWORD, "x")).isEqualTo(secret);
        assertThat(KeystoreV3.address(json)).contains("008aeeda4d805471df9b2a5b0f38a0c3bcba786b");
    }

    @Test
    void malformedKeystoresNameTheField() {
        assertThatThrownBy(() -> KeystoreV3.decrypt(PBKDF2.replace("\"version\":3", "\"version\":2"), PASSWORD, "x"))
                .isInstanceOf(KeystoreFormatException.class).hasMessageContaining("'version'");
        assertThatThrownBy(() -> KeystoreV3.decrypt(PBKDF2.replace("aes-128-ctr", "aes-128-cbc"), PASSWORD, "x"))
                .isInstanceOf(KeystoreFormatException.class).hasMessageContaining("crypto.cipher");
        assertThatThrownBy(() -> KeystoreV3.decrypt(PBKDF2.replace("\"mac\":\"517e", "\"mac\":\"zz7e"), PASSWORD, "x"))
                .isInstanceOf(KeystoreFormatException.class).hasMessageContaining("crypto.mac");
        assertThatThrownBy(() -> KeystoreV3.decrypt(SCRYPT.replace("\"n\":262144", "\"n\":1073741824"), PASSWORD, "x"))
                .isInstanceOf(KeystoreFormatException.class).hasMessageContaining("scrypt cost");
        assertThatThrownBy(() -> KeystoreV3.decrypt("[1]", PASSWORD, "x")).isInstanceOf(KeystoreFormatException.class);
    }
}
