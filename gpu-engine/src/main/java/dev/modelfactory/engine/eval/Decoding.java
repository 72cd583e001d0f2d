package dev.modelfactory.engine.eval;

/**
 * Decoding settings of a generation task, stored with the results. Deterministic by default:
 * {@code temperature == 0} is greedy; otherwise sampling with {@code topP} and {@code seed}.
 */
public record Decoding(int maxTokens, double temperature, double topP, long seed) {

    public Decoding {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        if (temperature < 0 || topP <= 0 || topP > 1) {
            throw new IllegalArgumentException("temperature must be >= 0 and topP in (0, 1]");
        }
    }

    public static Decoding greedy(int maxTokens) {
        return new Decoding(maxTokens, 0, 1, 0);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }
}
