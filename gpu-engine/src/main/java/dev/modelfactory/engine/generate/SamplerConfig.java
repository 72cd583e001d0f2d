package dev.modelfactory.engine.generate;

/**
 * Sampling settings. {@code temperature} 0 means greedy. {@code topK} 0, {@code topP} 1 and {@code minP} 0
 * disable those filters; {@code repetitionPenalty} 1 disables it. Same settings and seed, same tokens.
 */
public record SamplerConfig(float temperature, int topK, float topP, float minP, float repetitionPenalty, long seed) {

    public SamplerConfig {
        if (!(temperature >= 0) || topK < 0 || !(topP > 0 && topP <= 1) || !(minP >= 0 && minP <= 1)
                || !(repetitionPenalty > 0)) {
            throw new IllegalArgumentException("bad sampling settings: temperature " + temperature + " (>= 0), top-k "
                    + topK + " (>= 0), top-p " + topP + " (0..1], min-p " + minP + " [0..1], repetition penalty "
                    + repetitionPenalty + " (> 0)");
        }
    }

    public static SamplerConfig greedy() {
        return new SamplerConfig(0f, 0, 1f, 0f, 1f, 0L);
    }

    /** Plain temperature sampling with no filters. */
    public static SamplerConfig temperature(float temperature, long seed) {
        return new SamplerConfig(temperature, 0, 1f, 0f, 1f, seed);
    }

    public SamplerConfig withTopK(int k) {
        return new SamplerConfig(temperature, k, topP, minP, repetitionPenalty, seed);
    }

    public SamplerConfig withTopP(float p) {
        return new SamplerConfig(temperature, topK, p, minP, repetitionPenalty, seed);
    }

    public SamplerConfig withMinP(float p) {
        return new SamplerConfig(temperature, topK, topP, p, repetitionPenalty, seed);
    }

    public SamplerConfig withRepetitionPenalty(float penalty) {
        return new SamplerConfig(temperature, topK, topP, minP, penalty, seed);
    }

    public SamplerConfig withSeed(long s) {
        return new SamplerConfig(temperature, topK, topP, minP, repetitionPenalty, s);
    }

    public boolean isGreedy() {
        return temperature == 0f || topK == 1;
    }
}
