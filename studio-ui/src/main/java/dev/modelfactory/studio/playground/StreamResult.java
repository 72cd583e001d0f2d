package dev.modelfactory.studio.playground;

/** How a generation ended: its tokens, decode speed and the stop reason's name (e.g. "MAX_TOKENS"). */
public record StreamResult(int[] tokens, double tokensPerSecond, String stopReason) {
}
