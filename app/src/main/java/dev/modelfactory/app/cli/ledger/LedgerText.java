package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.attribution.Verification;
import dev.modelfactory.ledger.store.log.StoredEntry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** How ledger entries are shown: a badge per entry, JSON maps. */
final class LedgerText {

    private LedgerText() {
    }

    /** The entry's verification (valid / invalid / signer unknown), never throwing on a damaged entry. */
    static Verification verify(StoredEntry e, Predicate<String> known) {
        try {
            return new SignedRecord(TypedData.parse(e.typedData()), Signature.parse(e.signature()), e.signer()).verify(known);
        } catch (IllegalArgumentException ex) {
            return new Verification(Verification.Status.INVALID, java.util.Optional.empty(), ex.getMessage());
        }
    }

    static String badge(Verification v) {
        return switch (v.status()) {
            case VALID -> "valid";
            case INVALID -> "INVALID";
            case SIGNER_UNKNOWN -> "signer unknown";
        };
    }

    static Map<String, Object> json(StoredEntry e, Verification v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("recordType", e.recordType());
        m.put("signer", e.signer());
        m.put("createdAt", Instant.ofEpochMilli(e.createdAt()).toString());
        m.put("entryHash", e.entryHash());
        m.put("prevHash", e.prevHash());
        m.put("signature", e.signature());
        m.put("verification", v.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("reason", v.reason());
        return m;
    }
}
