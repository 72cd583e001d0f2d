package dev.modelfactory.engine.generate;

/**
 * The outcome: generated token ids (stop token / stop sequence excluded), decoded text ({@code null}
 * without a decoder; cut before a stop string), why it stopped, token counts and speeds. Prefill speed is
 * prompt tokens over the prompt's forward pass; decode speed is decode steps (one-token forward passes)
 * over their time.
 */
public record GenerationResult(int[] tokens, String text, StopReason stopReason, int promptTokens,
        int generatedTokens, int decodeSteps, double prefillSeconds, double decodeSeconds) {

    public GenerationResult {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    public double prefillTokensPerSecond() {
        return prefillSeconds > 0 ? promptTokens / prefillSeconds : 0;
    }

    public double decodeTokensPerSecond() {
        return decodeSeconds > 0 ? decodeSteps / decodeSeconds : 0;
    }
}
