package dev.modelfactory.ledger.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.wallet.KeyMaterial;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * MetaMask's eth-sig-util test vector for {@code signTypedData} V4 with arrays (Person.wallets address[],
 * Mail.to Person[], an unreferenced Group type), signed with keccak256("cow").
 */
class MetaMaskV4VectorTest {

    static final String V4 = """
            {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
               {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
             "Person":[{"name":"name","type":"string"},{"name":"wallets","type":"address[]"}],
             "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person[]"},{"name":"contents","type":"string"}],
             "Group":[{"name":"name","type":"string"},{"name":"members","type":"Person[]"}]},
             "domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
             "primaryType":"Mail",
             "message":{"from":{"name":"Cow","wallets":["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826","0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"]},
               "to":[{"name":"Bob","wallets":["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB","0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57",
                 "0xB0B0b0b0b0b0B000000000000000000000000000"]}],
               "contents":"Hello, Bob!"}}
            """;

    @Test
    void digestAndSignatureAreEthSigUtils() {
        TypedData data = TypedData.parse(V4);
        assertThat(HexFormat.of().formatHex(data.domainSeparator()))
                .isEqualTo("f2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
        assertThat(HexFormat.of().formatHex(data.digest()))
                .isEqualTo("a85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2");
        KeyMaterial cow = TypedDataMailTest.cow();
        assertThat(cow.signTypedData(data).hex()).isEqualTo("0x65cbd956f2fae28a601bebc9b906cea0191744bd4c4247bcd27cd08f8eb6b71c"
                + "78efdf7a31dc9abee78f492292721f362d296cf86b4538e07b51303b67f749061b");
        assertThat(data.displayFields()).contains(new DisplayField("message.to[0].wallets[2]", "address",
                "0xB0B0b0b0b0b0B000000000000000000000000000"));
    }
}
