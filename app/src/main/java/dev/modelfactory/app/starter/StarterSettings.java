package dev.modelfactory.app.starter;

/**
 * What the starter kit is built from: corpus size and seed, tokenizer size, model shape and pre-training
 * schedule. {@link #DEFAULT} is what {@code assets/starter} was built with.
 */
public record StarterSettings(long seed, int documents, int vocabSize, int dim, int layers, int heads, int hidden,
        int seqLen, int steps, int batch, double learningRate, int skillSeed) {

    public static final StarterSettings DEFAULT = new StarterSettings(2026, 40_000, 1024, 128, 4, 4, 352, 128, 2400,
            8, 3e-3, 7);

    public StarterSettings withSeed(long s) {
        return new StarterSettings(s, documents, vocabSize, dim, layers, heads, hidden, seqLen, steps, batch,
                learningRate, skillSeed);
    }

    public StarterSettings withSteps(int s) {
        return new StarterSettings(seed, documents, vocabSize, dim, layers, heads, hidden, seqLen, s, batch,
                learningRate, skillSeed);
    }
}
