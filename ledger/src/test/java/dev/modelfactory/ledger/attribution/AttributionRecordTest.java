package dev.modelfactory.ledger.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.wallet.KeyMaterial;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Hash;

class AttributionRecordTest {

    static final KeyMaterial COW = new KeyMaterial(Hash.sha3("cow".getBytes(StandardCharsets.UTF_8)));
    static final String ME = COW.address();
    static final String H1 = "0x" + "11".repeat(32);
    static final String H2 = "0x" + "22".repeat(32);
    static final String H3 = "0x" + "ab".repeat(32);
    static final Eip712Domain DOMAIN = Eip712Domain.ATTRIBUTION.onChain(BigInteger.valueOf(1337),
            "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC");

    static Stream<AttributionRecord> records() {
        return Stream.of(
                new DataContribution("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "recipes", H1, H2, 42, "CC-BY-4.0",
                        List.of("train", "eval"), ME),
                new DataContribution("Ada Lovelace", "recipes", H1, H2, 0, null, List.of(), ME),
                new DatasetVersionRecord("recipes", H1, null, ME, H3),
                new TrainingRun(H1, H2, H3, H1, ME, H2),
                new BenchmarkResult(H1, H2, H3, ME),
                new OutputAttribution(H1, H2, List.of(new OutputAttribution.Share("alice", 7_500),
                        new OutputAttribution.Share("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", 2_500)), ME),
                new Claim(ME, List.of(H1, H2, H3)));
    }

    @Test
    void theIndependentEncoderGivesTheSpecificationsMailDigest() {
        TypedData mail = TypedData.parse(TypedDataMailTest.MAIL);
        assertThat(java.util.HexFormat.of().formatHex(new SpecEncoder(mail.types()).digest(mail.domain(), "Mail", mail.message())))
                .isEqualTo("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    }

    @ParameterizedTest
    @MethodSource("records")
    void jsonRoundTripAndDigestAgreeWithAnIndependentEncoder(AttributionRecord record) {
        TypedData data = record.toTypedData(DOMAIN);
        TypedData parsed = TypedData.parse(data.toJson());
        assertThat(AttributionRecords.fromTypedData(parsed)).contains(record);
        Map<String, List<Eip712Field>> types = new LinkedHashMap<>(parsed.types());
        byte[] expected = new SpecEncoder(types).digest(parsed.domain(), parsed.primaryType(), parsed.message());
        assertThat(parsed.digest()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("records")
    void signedRecordsVerifyAndTamperingIsInvalid(AttributionRecord record) {
        TypedData data = record.toTypedData(DOMAIN);
        SignedRecord signed = new SignedRecord(data, COW.signTypedData(data), ME);
        assertThat(signed.verify(a -> a.equals(ME)).status()).isEqualTo(Verification.Status.VALID);
        assertThat(signed.verify(a -> false).status()).isEqualTo(Verification.Status.SIGNER_UNKNOWN);
        TypedData other = TypedData.parse(data.toJson().replace(H1.substring(2), H3.substring(2)));
        assertThat(new SignedRecord(other, signed.signature(), ME).verify(a -> true).status())
                .isEqualTo(Verification.Status.INVALID);
    }

    @Test
    void recordNamingAnotherSignerIsInvalidEvenIfTheSignatureIsGood() {
        KeyMaterial bob = new KeyMaterial(Hash.sha3("bob".getBytes(StandardCharsets.UTF_8)));
        TypedData data = new TrainingRun(H1, H2, H3, H1, ME, H2).toTypedData(DOMAIN);
        Verification v = new SignedRecord(data, bob.signTypedData(data), bob.address()).verify(a -> true);
        assertThat(v.status()).isEqualTo(Verification.Status.INVALID);
        assertThat(v.reason()).contains("names " + ME);
    }

    @Test
    void badRecordValuesNameTheMember() {
        assertThatThrownBy(() -> new OutputAttribution(H1, H2, List.of(new OutputAttribution.Share("a", 5_000)), ME))
                .hasMessageContaining("sum to 5000");
        assertThatThrownBy(() -> new TrainingRun("0x12", H2, H3, H1, ME, H2)).hasMessageContaining("'baseModel'");
        assertThatThrownBy(() -> new Claim("0xnope", List.of(H1))).hasMessageContaining("'contributor'");
        String json = new Claim(ME, List.of(H1)).toTypedData(DOMAIN).toJson().replace("bytes32[]", "bytes32");
        assertThatThrownBy(() -> AttributionRecords.fromTypedData(TypedData.parse(json.replace("[\"" + H1 + "\"]", "\"" + H1 + "\""))))
                .hasMessageContaining("other members");
    }

    @Test
    void displayFieldsShowArraysOfStructs() {
        TypedData data = new OutputAttribution(H1, H2, List.of(new OutputAttribution.Share("alice", 10_000)), ME)
                .toTypedData(Eip712Domain.ATTRIBUTION);
        assertThat(data.displayFields()).contains(new DisplayField("message.contributors[0].shareBps", "uint16", "10000"),
                new DisplayField("message.attester", "address", ME), new DisplayField("domain.name", "string",
                        "ModelFactory Attribution"));
    }
}
