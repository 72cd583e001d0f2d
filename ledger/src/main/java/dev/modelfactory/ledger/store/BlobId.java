package dev.modelfactory.ledger.store;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a blob: the SHA-256 of its bytes, as 64 lowercase hex characters.
 *
 * <p>Ids are what rows, attribution records and other machines refer to, so an id is validated on
 * construction and always kept in one canonical (lowercase) spelling; uppercase input is accepted and
 * lowered. {@link #toString()} gives {@code sha256:<hex>} for messages and logs.
 *
 * @param hex the digest, 64 lowercase hex characters
 */
public record BlobId(String hex) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int DIGEST_BYTES = 32;

    /**
     * @throws IllegalArgumentException if {@code hex} is not 64 hex characters; the message quotes it
     */
    public BlobId {
        Objects.requireNonNull(hex, "hex");
        String lower = hex.toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(lower).matches()) {
            throw new IllegalArgumentException(
                    "not a sha256 blob id (want 64 hex characters): '" + abbreviate(hex) + "'");
        }
        hex = lower;
    }

    /** Parses {@code hex} or {@code sha256:hex}, the two spellings users and files carry. */
    public static BlobId parse(String text) {
        Objects.requireNonNull(text, "text");
        return new BlobId(text.startsWith("sha256:") ? text.substring("sha256:".length()) : text);
    }

    /** Wraps a raw 32-byte SHA-256 digest, as returned by {@code MessageDigest.digest()}. */
    public static BlobId ofDigest(byte[] digest) {
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException(
                    "a sha256 digest has 32 bytes, got " + digest.length);
        }
        return new BlobId(HexFormat.of().formatHex(digest));
    }

    /** The first two hex characters: the fan-out folder under {@code blobs/sha256/}. */
    String shard() {
        return hex.substring(0, 2);
    }

    /** The remaining 62 hex characters: the file name inside the shard folder. */
    String fileName() {
        return hex.substring(2);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
