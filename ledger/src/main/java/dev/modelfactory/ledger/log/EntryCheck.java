package dev.modelfactory.ledger.log;

import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.attribution.TypedDataException;
import dev.modelfactory.ledger.attribution.Verification;
import dev.modelfactory.ledger.store.log.StoredEntry;
import java.util.ArrayList;
import java.util.List;

/** What is wrong with one entry, if anything: shared by {@code ledger verify} and bundle import. */
final class EntryCheck {

    private EntryCheck() {
    }

    /**
     * @param expectedSeq  the seq it must have, or -1 for any
     * @param expectedPrev the hash it must link to, or null for any
     * @return the problems, each prefixed {@code content:}, {@code signature:}, {@code link:} or {@code hash:}
     */
    static List<String> problems(StoredEntry e, long expectedSeq, String expectedPrev) {
        List<String> out = new ArrayList<>();
        if (expectedSeq >= 0 && e.seq() != expectedSeq) {
            out.add("link: seq " + e.seq() + " where " + expectedSeq + " was expected");
        }
        if (expectedPrev != null && !expectedPrev.equals(e.prevHash())) {
            out.add("link: prev_hash " + e.prevHash() + " is not the previous entry's hash " + expectedPrev);
        }
        TypedData data = null;
        try {
            data = TypedData.parse(e.typedData());
            if (!data.primaryType().equals(e.recordType())) {
                out.add("content: record type '" + e.recordType() + "' but the typed data is a " + data.primaryType());
            }
            if (!data.toJson().equals(e.typedData())) {
                out.add("content: typed data is not in canonical form");
            }
        } catch (TypedDataException ex) {
            out.add("content: " + ex.getMessage());
        }
        Signature signature = null;
        try {
            signature = Signature.parse(e.signature());
        } catch (IllegalArgumentException ex) {
            out.add("signature: " + ex.getMessage());
        }
        if (data != null && signature != null) {
            try {
                Verification v = new SignedRecord(data, signature, e.signer()).verify(a -> true);
                if (v.status() == Verification.Status.INVALID) {
                    out.add("signature: " + v.reason());
                }
            } catch (IllegalArgumentException ex) {
                out.add("signature: signer " + ex.getMessage());
            }
        }
        try {
            String computed = EntryHash.of(e);
            if (!computed.equals(e.entryHash())) {
                out.add("hash: entry_hash " + e.entryHash() + " does not match the entry's content (" + computed + ")");
            }
        } catch (IllegalArgumentException ex) {
            out.add("hash: cannot recompute the entry hash: " + ex.getMessage());
        }
        return out;
    }
}
