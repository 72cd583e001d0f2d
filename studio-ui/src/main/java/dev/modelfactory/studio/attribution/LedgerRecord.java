package dev.modelfactory.studio.attribution;

import dev.modelfactory.ledger.attribution.DisplayField;
import dev.modelfactory.ledger.attribution.Verification;
import java.time.Instant;
import java.util.List;

/**
 * One log entry as the page shows it.
 *
 * @param seq          the entry's number (1-based)
 * @param type         the record's primary type (DataContribution, Claim, ...)
 * @param id           the record's id (its EIP-712 digest), what a Claim lists; empty if it cannot be parsed
 * @param signer       the signer address the entry names
 * @param contributor  whom the record is about: its {@code contributor} member when it has one, else the signer
 * @param createdAt    when it was appended
 * @param entryHash    the entry's hash in the chain
 * @param prevHash     the previous entry's hash (the chain link)
 * @param signature    r||s||v hex
 * @param fields       the decoded typed data (domain and message)
 * @param verification valid / invalid / signer unknown, with the reason
 */
public record LedgerRecord(long seq, String type, String id, String signer, String contributor, Instant createdAt,
        String entryHash, String prevHash, String signature, List<DisplayField> fields, Verification verification) {

    public LedgerRecord {
        fields = List.copyOf(fields);
    }

    /** The badge's text. */
    public String badge() {
        return switch (verification.status()) {
            case VALID -> "valid";
            case INVALID -> "invalid";
            case SIGNER_UNKNOWN -> "signer unknown";
        };
    }
}
