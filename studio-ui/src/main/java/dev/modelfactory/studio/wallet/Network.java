package dev.modelfactory.studio.wallet;

import java.util.Objects;

/**
 * The JSON-RPC endpoint the studio reads balances from and anchors to.
 *
 * @param rpcUrl  http(s) URL
 * @param chainId the chain id the endpoint must serve
 */
public record Network(String rpcUrl, long chainId) {

    public Network {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive, got " + chainId);
        }
    }
}
