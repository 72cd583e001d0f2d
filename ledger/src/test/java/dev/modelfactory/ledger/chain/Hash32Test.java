package dev.modelfactory.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Hash32Test {

    private static final String HEX = "0x" + "0123456789abcdef".repeat(4);

    @Test
    void hexRoundTripsAndCopiesKeepItImmutable() {
        Hash32 h = Hash32.parse(HEX.toUpperCase().replace("0X", "0x"));
        assertThat(h.hex()).isEqualTo(HEX);
        assertThat(Hash32.parse(HEX.substring(2))).isEqualTo(h).hasSameHashCodeAs(h);
        byte[] raw = h.bytes();
        raw[0] = 9;
        assertThat(h.hex()).isEqualTo(HEX);
        assertThat(Hash32.ZERO.isZero()).isTrue();
        assertThat(h.isZero()).isFalse();
    }

    @Test
    void wrongLengthsAndNonHexAreRefusedNamingTheInput() {
        assertThatThrownBy(() -> Hash32.of(new byte[31])).hasMessageContaining("32 bytes, got 31");
        assertThatThrownBy(() -> Hash32.parse("0x1234")).hasMessageContaining("'0x1234'");
        assertThatThrownBy(() -> Hash32.parse("zz".repeat(32))).hasMessageContaining("not hex");
    }

    @Test
    void anchorRequestsAndProofsRefuseWhatTheContractWouldRevertOn() {
        Hash32 root = Hash32.parse(HEX);
        assertThatThrownBy(() -> new AnchorRequest(Hash32.ZERO, 0, 1, Hash32.ZERO))
                .isInstanceOfSatisfying(ChainException.class,
                        e -> assertThat(e.reason()).isEqualTo(ChainException.Reason.BAD_INPUT))
                .hasMessageContaining("all zeros");
        assertThatThrownBy(() -> new AnchorRequest(root, 5, 4, Hash32.ZERO)).hasMessageContaining("5..4");
        assertThatThrownBy(() -> new AnchorRequest(root, -1, 4, Hash32.ZERO)).hasMessageContaining("-1..4");
        assertThatThrownBy(() -> new EntryProof(-1, root, List.of())).hasMessageContaining("-1");
        assertThat(new AnchorRequest(root, 3, 3, Hash32.ZERO).lastEntry()).isEqualTo(3);
    }
}
