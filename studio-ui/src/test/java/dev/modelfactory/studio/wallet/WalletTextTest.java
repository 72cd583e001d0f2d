package dev.modelfactory.studio.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The signing dialog's field labels and the balance text. */
class WalletTextTest {

    @Test
    void nestedFieldsAreIndentedOneStepPerLevelBelowTheMessage() {
        assertThat(SigningDialog.fieldLabel("message.contributor")).isEqualTo("contributor");
        assertThat(SigningDialog.fieldLabel("message.from.wallet")).isEqualTo("    wallet");
        assertThat(SigningDialog.fieldLabel("message.contributors[1].shareBps")).isEqualTo("        shareBps");
        assertThat(SigningDialog.fieldLabel("message.records[0]")).isEqualTo("    [0]");
    }

    @Test
    void balancesAreEtherWithUpToSixDecimalsOrTheReason() {
        assertThat(BalanceInfo.of(new BigInteger("1500000000000000000"), "chain 1337").text()).isEqualTo("1.5 ETH");
        assertThat(BalanceInfo.of(new BigInteger("1000000000000000000000"), "chain 1337").text()).isEqualTo("1000 ETH");
        assertThat(BalanceInfo.of(BigInteger.ONE, "chain 1").text()).isEqualTo("0 ETH");
        assertThat(BalanceInfo.unavailable("no RPC endpoint set").text()).isEqualTo("no RPC endpoint set");
    }
}
