package dev.modelfactory.ledger.chain;

import dev.modelfactory.ledger.task.CancellationToken;
import java.util.Arrays;

/**
 * Measures deploy and anchor round trips (sign, send, receipt, read back) and their gas on a local
 * ganache. Not a test: run by hand with MODELFACTORY_DEVCHAIN set, e.g. through exec:java on the
 * test class path. Prints one line per figure.
 */
public final class AnchorLatencyMain {

    private AnchorLatencyMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String hardfork = args.length > 1 ? args[1] : "london";
        TransactionSigner signer = TransactionSigner.of(DevChain.ACCOUNT0);
        try (DevChain chain = DevChain.start(hardfork); Anchoring a = Anchoring.connect(chain.settings().build())) {
            long t0 = System.nanoTime();
            SentTransaction deploy = a.deployRegistry(signer, CancellationToken.NONE);
            System.out.printf("deploy: %.1f ms, %s gas, %s%n", (System.nanoTime() - t0) / 1e6, deploy.gasUsed(),
                    deploy.type());
            String registry = deploy.contractAddress();
            double[] anchorMs = new double[n];
            double[] againMs = new double[n];
            AnchorResult last = null;
            for (int i = 0; i < n; i++) {
                AnchorRequest req = new AnchorRequest(PositionalKeccakMerkle.leaf("bench " + i), i * 10L, i * 10L + 9,
                        Hash32.ZERO);
                long s = System.nanoTime();
                last = a.anchor(registry, signer, req, CancellationToken.NONE);
                anchorMs[i] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                a.anchor(registry, signer, req, CancellationToken.NONE);
                againMs[i] = (System.nanoTime() - s) / 1e6;
            }
            ChainClient.Mined dup = a.client().send(signer, registry,
                    RegistryContract.encodeAnchor(new AnchorRequest(last.record().root(), 0, 0, Hash32.ZERO)),
                    CancellationToken.NONE);
            System.out.printf("anchor (new root, %s): median %.1f ms, min %.1f ms over %d; gas %s%n",
                    last.transaction().orElseThrow().type(), median(anchorMs), Arrays.stream(anchorMs).min().orElseThrow(),
                    n, last.transaction().orElseThrow().gasUsed());
            System.out.printf("anchor (already anchored, no tx): median %.1f ms%n", median(againMs));
            System.out.printf("duplicate anchor tx straight to the contract: %s gas%n", dup.transaction().gasUsed());
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
