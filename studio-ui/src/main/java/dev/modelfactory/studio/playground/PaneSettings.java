package dev.modelfactory.studio.playground;

/** A pane's generation settings: temperature 0 is greedy; topP in (0, 1]; seed fixes sampling. */
public record PaneSettings(double temperature, double topP, int maxTokens, long seed) {

    public static final PaneSettings DEFAULT = new PaneSettings(0.0, 1.0, 64, 1);

    public PaneSettings {
        if (temperature < 0 || topP <= 0 || topP > 1 || maxTokens < 1) {
            throw new IllegalArgumentException("settings out of range: temperature >= 0, 0 < top-p <= 1, "
                    + "max tokens >= 1 (got " + temperature + ", " + topP + ", " + maxTokens + ")");
        }
    }
}
