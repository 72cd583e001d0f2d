package dev.modelfactory.ledger.attribution;

import java.util.Optional;

/**
 * The result of checking a signed record: the badge the studio shows next to it.
 *
 * @param status    the badge
 * @param recovered the address the signature recovers to, if it recovers at all
 * @param reason    why, in words (for a tooltip or the CLI)
 */
public record Verification(Status status, Optional<String> recovered, String reason) {

    /** The three badges. */
    public enum Status {
        /** The signature recovers to the record's signer, and that signer is known. */
        VALID,
        /** The signature does not recover, or recovers to someone other than the record's signer. */
        INVALID,
        /** Cryptographically valid, but the signer is not among the addresses the verifier trusts. */
        SIGNER_UNKNOWN
    }

    public boolean isValid() {
        return status == Status.VALID;
    }
}
