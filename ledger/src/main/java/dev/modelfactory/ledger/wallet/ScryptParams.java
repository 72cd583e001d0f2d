package dev.modelfactory.ledger.wallet;

/**
 * The scrypt cost with which this wallet encrypts keystores.
 *
 * @param n CPU/memory cost, a power of two
 * @param r block size
 * @param p parallelism
 */
public record ScryptParams(int n, int r, int p) {

    /** geth's and MetaMask's standard parameters: about 0.7 s and 256 MiB per encrypt or decrypt. */
    public static final ScryptParams STANDARD = new ScryptParams(262_144, 8, 1);

    public ScryptParams {
        if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1) {
            throw new IllegalArgumentException("scrypt n must be a power of two > 1, r and p >= 1");
        }
    }

    /**
     * n = 4096 (about 40 ms): for tests only, which would otherwise spend most of their time in scrypt.
     * Keys encrypted this way are far easier to brute-force; the studio and the CLI never use it.
     */
    public static ScryptParams lightForTestsOnly() {
        return new ScryptParams(4096, 8, 1);
    }
}
