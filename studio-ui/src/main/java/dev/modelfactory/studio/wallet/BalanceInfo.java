package dev.modelfactory.studio.wallet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's balance on the chain the settings name, or the reason there is no figure.
 *
 * @param wei     the balance, absent when it could not be read
 * @param network where it was read ("chain 1337 at http://127.0.0.1:8545"), or empty
 * @param problem why there is no balance ("No RPC endpoint set ..."), empty when {@code wei} is present
 */
public record BalanceInfo(Optional<BigInteger> wei, String network, String problem) {

    public BalanceInfo {
        Objects.requireNonNull(wei, "wei");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(problem, "problem");
    }

    public static BalanceInfo of(BigInteger wei, String network) {
        return new BalanceInfo(Optional.of(wei), network, "");
    }

    public static BalanceInfo unavailable(String problem) {
        return new BalanceInfo(Optional.empty(), "", problem);
    }

    /** "1.5 ETH" (up to 6 decimals, trailing zeros dropped), or the problem. */
    public String text() {
        return wei.map(w -> new BigDecimal(w).movePointLeft(18).setScale(6, java.math.RoundingMode.DOWN)
                .stripTrailingZeros().toPlainString() + " ETH").orElse(problem);
    }
}
