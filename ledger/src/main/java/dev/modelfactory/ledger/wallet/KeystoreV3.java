package dev.modelfactory.ledger.wallet;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;
import org.web3j.crypto.Hash;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Web3 Secret Storage Definition, version 3: the keystore JSON of geth, MetaMask and web3j.
 *
 * <p>Shape: {@code {"version":3, "id":UUID, "address":hex40?, "crypto":{"cipher":"aes-128-ctr",
 * "cipherparams":{"iv":hex}, "ciphertext":hex, "kdf":"scrypt"|"pbkdf2", "kdfparams":{...},
 * "mac":hex}}}. The KDF turns the UTF-8 password into 32 bytes {@code dk}; {@code dk[0..16]} is the
 * AES-128-CTR key and {@code mac = keccak256(dk[16..32] || ciphertext)} proves the password before
 * anything is decrypted. Reading accepts scrypt and pbkdf2 (hmac-sha256); writing always uses scrypt
 * with the given {@link ScryptParams}. KDF costs above geth's are accepted up to bounds that keep a
 * hostile file from exhausting memory or time.
 *
 * <p>The secret (a 32-byte private key, or BIP-39 entropy for the workspace's seed) is returned as a
 * {@code byte[]} the caller must wipe; derived keys and decrypted buffers here are wiped before return.
 */
public final class KeystoreV3 {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_SCRYPT_N = 1 << 20;
    private static final long MAX_SCRYPT_MEMORY = 1L << 31; // 128 * n * r bytes
    private static final int MAX_PBKDF2_ROUNDS = 10_000_000;

    private KeystoreV3() {
    }

    /**
     * Encrypts {@code secret} into a keystore v3 JSON (compact, one line).
     *
     * @param address lowercase hex address without {@code 0x} to record (as geth does), or empty
     */
    public static String encrypt(byte[] secret, char[] password, ScryptParams params, SecureRandom random,
                                 Optional<String> address) {
        byte[] salt = new byte[32];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        byte[] pw = Secrets.utf8(password);
        byte[] dk = null;
        try {
            dk = SCrypt.generate(pw, salt, params.n(), params.r(), params.p(), 32);
            byte[] ciphertext = aesCtr(dk, iv, secret);
            ObjectNode root = JSON.createObjectNode();
            address.ifPresent(a -> root.put("address", a));
            ObjectNode crypto = root.putObject("crypto");
            crypto.put("cipher", "aes-128-ctr");
            crypto.putObject("cipherparams").put("iv", HEX.formatHex(iv));
            crypto.put("ciphertext", HEX.formatHex(ciphertext));
            crypto.put("kdf", "scrypt");
            ObjectNode kdf = crypto.putObject("kdfparams");
            kdf.put("dklen", 32);
            kdf.put("n", params.n());
            kdf.put("p", params.p());
            kdf.put("r", params.r());
            kdf.put("salt", HEX.formatHex(salt));
            crypto.put("mac", HEX.formatHex(mac(dk, ciphertext)));
            root.put("id", UUID.randomUUID().toString());
            root.put("version", 3);
            return JSON.writeValueAsString(root);
        } finally {
            Secrets.wipe(pw);
            Secrets.wipe(dk);
        }
    }

    /**
     * Decrypts a keystore v3 JSON.
     *
     * @param what how to name the key in a wrong-password message, e.g. {@code "account main"}
     * @return the secret; the caller wipes it
     * @throws WrongPasswordException  if the MAC does not match
     * @throws KeystoreFormatException if the JSON is not keystore v3 (the message names the field)
     */
    public static byte[] decrypt(String json, char[] password, String what) throws WrongPasswordException {
        JsonNode root = parse(json);
        JsonNode version = root.path("version");
        if (!version.canConvertToInt() || version.asInt() != 3) {
            throw new KeystoreFormatException("keystore field 'version': expected 3, got " + version);
        }
        JsonNode crypto = root.has("crypto") ? root.path("crypto") : root.path("Crypto");
        if (!crypto.isObject()) {
            throw new KeystoreFormatException("keystore field 'crypto' is missing");
        }
        String cipher = text(crypto, "cipher");
        if (!"aes-128-ctr".equals(cipher)) {
            throw new KeystoreFormatException("keystore field 'crypto.cipher': only aes-128-ctr is supported, got " + cipher);
        }
        byte[] iv = hex(crypto.path("cipherparams"), "iv", "crypto.cipherparams.iv");
        if (iv.length != 16) {
            throw new KeystoreFormatException("keystore field 'crypto.cipherparams.iv': expected 16 bytes");
        }
        byte[] ciphertext = hex(crypto, "ciphertext", "crypto.ciphertext");
        byte[] expectedMac = hex(crypto, "mac", "crypto.mac");
        byte[] pw = Secrets.utf8(password);
        byte[] dk = null;
        try {
            dk = derive(crypto, pw);
            if (!MessageDigest.isEqual(mac(dk, ciphertext), expectedMac)) {
                throw new WrongPasswordException("wrong password for " + what);
            }
            return aesCtr(dk, iv, ciphertext);
        } finally {
            Secrets.wipe(pw);
            Secrets.wipe(dk);
        }
    }

    /** The {@code address} field of a keystore (lowercase hex without 0x), if it has one. */
    public static Optional<String> address(String json) {
        JsonNode a = parse(json).path("address");
        return a.isString() ? Optional.of(a.stringValue().toLowerCase(Locale.ROOT).replaceFirst("^0x", ""))
                : Optional.empty();
    }

    /** The KDF output for a keystore and password, for known-answer tests of the KDF plumbing; caller wipes. */
    static byte[] derivedKey(String json, char[] password) {
        byte[] pw = Secrets.utf8(password);
        try {
            return derive(parse(json).path("crypto"), pw);
        } finally {
            Secrets.wipe(pw);
        }
    }

    private static byte[] derive(JsonNode crypto, byte[] pw) {
        String kdf = text(crypto, "kdf");
        JsonNode p = crypto.path("kdfparams");
        int dklen = integer(p, "dklen");
        if (dklen != 32) {
            throw new KeystoreFormatException("keystore field 'crypto.kdfparams.dklen': expected 32, got " + dklen);
        }
        byte[] salt = hex(p, "salt", "crypto.kdfparams.salt");
        switch (kdf) {
            case "scrypt" -> {
                int n = integer(p, "n");
                int r = integer(p, "r");
                int par = integer(p, "p");
                if (n < 2 || (n & (n - 1)) != 0 || n > MAX_SCRYPT_N || r < 1 || par < 1
                        || 128L * n * r > MAX_SCRYPT_MEMORY || (long) par * r > 64) {
                    throw new KeystoreFormatException("keystore field 'crypto.kdfparams': unsupported scrypt cost n="
                            + n + " r=" + r + " p=" + par);
                }
                try {
                    return SCrypt.generate(pw, salt, n, r, par, dklen);
                } catch (IllegalArgumentException e) {
                    // BouncyCastle keeps RFC 7914's bound N < 2^(16 r): n = 2^18 with r = 1 is refused.
                    throw new KeystoreFormatException("keystore field 'crypto.kdfparams': unsupported scrypt cost n="
                            + n + " r=" + r + " p=" + par + " (" + e.getMessage() + ")");
                }
            }
            case "pbkdf2" -> {
                String prf = text(p, "prf");
                if (!"hmac-sha256".equals(prf)) {
                    throw new KeystoreFormatException("keystore field 'crypto.kdfparams.prf': only hmac-sha256 is supported, got " + prf);
                }
                int c = integer(p, "c");
                if (c < 1 || c > MAX_PBKDF2_ROUNDS) {
                    throw new KeystoreFormatException("keystore field 'crypto.kdfparams.c': unsupported round count " + c);
                }
                PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA256Digest());
                gen.init(pw, salt, c);
                return ((KeyParameter) gen.generateDerivedParameters(dklen * 8)).getKey();
            }
            default -> throw new KeystoreFormatException("keystore field 'crypto.kdf': expected scrypt or pbkdf2, got " + kdf);
        }
    }

    private static byte[] mac(byte[] dk, byte[] ciphertext) {
        byte[] body = new byte[16 + ciphertext.length];
        System.arraycopy(dk, 16, body, 0, 16);
        System.arraycopy(ciphertext, 0, body, 16, ciphertext.length);
        try {
            return Hash.sha3(body);
        } finally {
            Secrets.wipe(body);
        }
    }

    private static byte[] aesCtr(byte[] dk, byte[] iv, byte[] input) {
        SecretKeySpec key = new SecretKeySpec(dk, 0, 16, "AES");
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CTR is not available in this JDK", e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new KeystoreFormatException("a keystore is a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new KeystoreFormatException("keystore is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isString()) {
            throw new KeystoreFormatException("keystore field '" + field + "' is missing or not a string");
        }
        return v.stringValue().toLowerCase(Locale.ROOT);
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.canConvertToInt()) {
            throw new KeystoreFormatException("keystore field 'kdfparams." + field + "' is missing or not an integer");
        }
        return v.asInt();
    }

    private static byte[] hex(JsonNode node, String field, String path) {
        JsonNode v = node.path(field);
        try {
            if (!v.isString()) {
                throw new IllegalArgumentException("missing");
            }
            return HEX.parseHex(v.stringValue().replaceFirst("^0x", ""));
        } catch (IllegalArgumentException e) {
            throw new KeystoreFormatException("keystore field '" + path + "' is missing or not hex");
        }
    }
}
