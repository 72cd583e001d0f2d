package dev.modelfactory.ledger.log;

import dev.modelfactory.ledger.store.log.StoredEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.web3j.crypto.Hash;

/** The entry hash of the log (see the package documentation for the exact preimage). */
public final class EntryHash {

    private EntryHash() {
    }

    /**
     * The hash of {@code e} from its seq, prevHash, recordType, typedData, signature, signer and createdAt (its
     * own entryHash is ignored), {@code 0x} + 64 hex.
     *
     * @throws IllegalArgumentException naming the field if prevHash, signature or signer is not the hex it must be
     */
    public static String of(StoredEntry e) {
        ByteBuffer b = ByteBuffer.allocate(8 + 32 + 32 + 32 + 65 + 20 + 8);
        b.putLong(e.seq());
        b.put(hex(e.prevHash(), 32, "prev_hash"));
        b.put(Hash.sha3(e.recordType().getBytes(StandardCharsets.UTF_8)));
        b.put(Hash.sha3(e.typedData().getBytes(StandardCharsets.UTF_8)));
        b.put(hex(e.signature(), 65, "signature"));
        b.put(hex(e.signer(), 20, "signer"));
        b.putLong(e.createdAt());
        return "0x" + HexFormat.of().formatHex(Hash.sha3(b.array()));
    }

    /** {@code 0x}-prefixed hex of exactly {@code bytes} bytes. */
    static byte[] hex(String value, int bytes, String field) {
        if (value == null || !value.startsWith("0x") || value.length() != 2 + 2 * bytes) {
            throw new IllegalArgumentException(field + " is not 0x + " + 2 * bytes + " hex digits");
        }
        try {
            return HexFormat.of().parseHex(value, 2, value.length());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not 0x + " + 2 * bytes + " hex digits");
        }
    }
}
