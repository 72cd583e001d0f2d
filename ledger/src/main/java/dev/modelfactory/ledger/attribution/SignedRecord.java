package dev.modelfactory.ledger.attribution;

import dev.modelfactory.ledger.wallet.Addresses;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Typed data, its signature and the address that claims to have signed it: what the log stores and bundles
 * carry. Verifiable offline from these three values alone.
 *
 * @param data      the typed data (any {@code eth_signTypedData_v4} JSON, or one of the studio's records)
 * @param signature 65 bytes
 * @param signer    EIP-55 address of the claimed signer
 */
public record SignedRecord(TypedData data, Signature signature, String signer) {

    public SignedRecord {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(signature, "signature");
        signer = Addresses.checksum(signer);
    }

    /**
     * Recovers the signer and compares it with the claimed signer and, for studio records, with the address
     * the record names ({@link AttributionRecord#signer()}).
     *
     * @param known the addresses the verifier trusts (its wallet's accounts, known contributors...)
     */
    public Verification verify(Predicate<String> known) {
        Optional<String> recovered;
        try {
            recovered = signature.recover(data.digest());
        } catch (TypedDataException e) {
            return new Verification(Verification.Status.INVALID, Optional.empty(), e.getMessage());
        }
        if (recovered.isEmpty()) {
            return new Verification(Verification.Status.INVALID, recovered, "the signature does not recover to any address");
        }
        if (!recovered.get().equals(signer)) {
            return new Verification(Verification.Status.INVALID, recovered,
                    "signed by " + recovered.get() + ", not by the claimed signer " + signer);
        }
        Optional<AttributionRecord> record;
        try {
            record = AttributionRecords.fromTypedData(data);
        } catch (TypedDataException e) {
            return new Verification(Verification.Status.INVALID, recovered, e.getMessage());
        }
        if (record.isPresent() && !record.get().signer().equals(signer)) {
            return new Verification(Verification.Status.INVALID, recovered, "the " + data.primaryType()
                    + " names " + record.get().signer() + " as its signer, but " + signer + " signed it");
        }
        if (!known.test(signer)) {
            return new Verification(Verification.Status.SIGNER_UNKNOWN, recovered, "signed by " + signer
                    + ", an address this workspace does not know");
        }
        return new Verification(Verification.Status.VALID, recovered, "signed by " + signer);
    }

    /** The record's id: its EIP-712 digest, {@code 0x} + 64 hex digits (what a {@link Claim} lists). */
    public String id() {
        return "0x" + java.util.HexFormat.of().formatHex(data.digest());
    }
}
