package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.ledger.chain.Anchoring;
import dev.modelfactory.ledger.chain.ChainException;
import dev.modelfactory.ledger.chain.RpcSettings;
import picocli.CommandLine.Option;

/** {@code --rpc URL --chain-id N}: the endpoint the anchor commands talk to. */
public final class ChainOptions {

    @Option(names = "--rpc", required = true, paramLabel = "URL", description = "JSON-RPC endpoint (http or https).")
    String rpc;

    @Option(names = "--chain-id", required = true, paramLabel = "N", description = "The chain id the endpoint must serve.")
    long chainId;

    /** Connects; a malformed URL or chain id is bad input (exit 2), an unreachable or wrong chain a failure. */
    Anchoring connect() {
        RpcSettings settings;
        try {
            settings = RpcSettings.builder(rpc, chainId).build();
        } catch (ChainException e) {
            throw new BadInputException("--rpc/--chain-id: " + e.getMessage(), e);
        }
        return Anchoring.connect(settings);
    }

    /** The URL as messages show it (API keys hidden). */
    String display() {
        try {
            return RpcSettings.builder(rpc, chainId).build().displayUrl();
        } catch (ChainException e) {
            return "(invalid URL)";
        }
    }
}
