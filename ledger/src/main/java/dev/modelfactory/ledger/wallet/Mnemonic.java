package dev.modelfactory.ledger.wallet;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.web3j.crypto.MnemonicUtils;

/**
 * A BIP-39 mnemonic (English word list) of 12 or 24 words.
 *
 * <p>The words are Java Strings, which cannot be wiped: keep a Mnemonic only while it is shown or
 * confirmed, then drop it; the workspace keeps only its encrypted entropy. {@link #toString()} never
 * shows the words.
 */
public final class Mnemonic {

    private static final Set<String> WORDS = new HashSet<>(MnemonicUtils.getWords());

    private final String phrase;
    private final int size;

    private Mnemonic(String phrase, int size) {
        this.phrase = phrase;
        this.size = size;
    }

    /** A new mnemonic of 12 (128-bit entropy) or 24 (256-bit) words from {@code random}. */
    public static Mnemonic generate(int words, SecureRandom random) {
        if (words != 12 && words != 24) {
            throw new IllegalArgumentException("a mnemonic has 12 or 24 words, not " + words);
        }
        byte[] entropy = new byte[words == 12 ? 16 : 32];
        random.nextBytes(entropy);
        try {
            return fromEntropy(entropy);
        } finally {
            Secrets.wipe(entropy);
        }
    }

    /** The mnemonic of 16 or 32 bytes of entropy. */
    public static Mnemonic fromEntropy(byte[] entropy) {
        if (entropy.length != 16 && entropy.length != 32) {
            throw new IllegalArgumentException("mnemonic entropy has 16 or 32 bytes, got " + entropy.length);
        }
        return new Mnemonic(MnemonicUtils.generateMnemonic(entropy), entropy.length == 16 ? 12 : 24);
    }

    /**
     * Reads a mnemonic typed or pasted by a user (any whitespace, any case).
     *
     * @throws IllegalArgumentException naming the first unknown word's position, a wrong word count, or a
     *                                  failed checksum (a mistyped but listed word)
     */
    public static Mnemonic parse(String text) {
        String[] words = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length != 12 && words.length != 24) {
            throw new IllegalArgumentException("a mnemonic has 12 or 24 words, this one has " + words.length);
        }
        for (int i = 0; i < words.length; i++) {
            if (!WORDS.contains(words[i])) {
                throw new IllegalArgumentException("mnemonic word " + (i + 1) + " is not a BIP-39 English word");
            }
        }
        String phrase = String.join(" ", words);
        if (!MnemonicUtils.validateMnemonic(phrase)) {
            throw new IllegalArgumentException("the mnemonic's checksum does not match: a word is mistyped or out of order");
        }
        return new Mnemonic(phrase, words.length);
    }

    /** The words, in order. Show them once; never log them. */
    public List<String> words() {
        return Arrays.asList(phrase.split(" "));
    }

    /** 12 or 24. */
    public int size() {
        return size;
    }

    /** The entropy the words encode (16 or 32 bytes); caller wipes it. */
    public byte[] entropy() {
        return MnemonicUtils.generateEntropy(phrase);
    }

    /** The 64-byte BIP-39 seed (PBKDF2-HMAC-SHA512, 2048 rounds) for {@code passphrase} ("" for MetaMask); caller wipes it. */
    public byte[] seed(String passphrase) {
        return MnemonicUtils.generateSeed(phrase, passphrase == null ? "" : passphrase);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mnemonic m && m.phrase.equals(phrase);
    }

    @Override
    public int hashCode() {
        return phrase.hashCode();
    }

    @Override
    public String toString() {
        return "Mnemonic[" + size + " words]";
    }
}
