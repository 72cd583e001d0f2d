package dev.modelfactory.ledger.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.wallet.KeyMaterial;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/** The EIP-712 specification's example (Mail from Cow to Bob), as MetaMask signs it. */
public class TypedDataMailTest {

    public static final String MAIL = """
            {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
              {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
             "Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
             "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},
             "primaryType":"Mail",
             "domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
             "message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
                        "to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}
            """;
    /** From the EIP: v = 28, r, s, as MetaMask's eth_signTypedData_v4 prints them. */
    public static final String SIGNATURE = "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
            + "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562" + "1c";

    static KeyMaterial cow() {
        return new KeyMaterial(Hash.sha3("cow".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void digestAndDomainSeparatorMatchTheSpecification() {
        TypedData mail = TypedData.parse(MAIL);
        assertThat(HexFormat.of().formatHex(mail.domainSeparator()))
                .isEqualTo("f2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
        assertThat(HexFormat.of().formatHex(mail.digest()))
                .isEqualTo("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    }

    @Test
    void signatureFromCowsKeyIsTheSpecificationsAndRecoversCow() {
        KeyMaterial cow = cow();
        assertThat(cow.address()).isEqualTo("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
        TypedData mail = TypedData.parse(MAIL);
        Signature s = cow.signTypedData(mail);
        assertThat(s.hex()).isEqualTo(SIGNATURE);
        assertThat(Signature.parse(SIGNATURE).recover(mail.digest())).contains(cow.address());
    }

    @Test
    void canonicalJsonRoundTripsToTheSameDigest() {
        TypedData mail = TypedData.parse(MAIL);
        TypedData again = TypedData.parse(mail.toJson());
        assertThat(again).isEqualTo(mail);
        assertThat(again.digest()).isEqualTo(mail.digest());
    }

    @Test
    void displayFieldsListDomainAndNestedMessageMembers() {
        assertThat(TypedData.parse(MAIL).displayFields()).extracting(DisplayField::path).containsExactly(
                "domain.name", "domain.version", "domain.chainId", "domain.verifyingContract",
                "message.from.name", "message.from.wallet", "message.to.name", "message.to.wallet", "message.contents");
        assertThat(TypedData.parse(MAIL).displayFields().get(8))
                .isEqualTo(new DisplayField("message.contents", "string", "Hello, Bob!"));
    }

    @Test
    void extraDomainFieldIsRefusedByName() {
        String salted = MAIL.replace("{\"name\":\"verifyingContract\",\"type\":\"address\"}]",
                "{\"name\":\"verifyingContract\",\"type\":\"address\"},{\"name\":\"salt\",\"type\":\"bytes32\"}]")
                .replace("\"chainId\":1,", "\"chainId\":1,\"salt\":\"0x" + "00".repeat(32) + "\",");
        assertThatThrownBy(() -> TypedData.parse(salted)).isInstanceOf(TypedDataException.class)
                .hasMessageContaining("'salt'");
        String undeclared = MAIL.replace("\"chainId\":1,", "\"chainId\":1,\"foo\":\"bar\",");
        assertThatThrownBy(() -> TypedData.parse(undeclared)).isInstanceOf(TypedDataException.class)
                .hasMessageContaining("'foo'");
        String missing = MAIL.replace("\"version\":\"1\",", "");
        assertThatThrownBy(() -> TypedData.parse(missing)).isInstanceOf(TypedDataException.class)
                .hasMessageContaining("'version'");
    }

    @Test
    void unknownTypeAndPrimaryTypeAreRefused() {
        assertThatThrownBy(() -> TypedData.parse(MAIL.replace("\"type\":\"Person\"},{\"name\":\"to\"", "\"type\":\"Persn\"},{\"name\":\"to\"")))
                .isInstanceOf(TypedDataException.class).hasMessageContaining("types.Mail.from");
        assertThatThrownBy(() -> TypedData.parse(MAIL.replace("\"primaryType\":\"Mail\"", "\"primaryType\":\"Letter\"")))
                .isInstanceOf(TypedDataException.class).hasMessageContaining("primaryType");
        assertThatThrownBy(() -> TypedData.parse("{not json")).isInstanceOf(TypedDataException.class);
    }
}
