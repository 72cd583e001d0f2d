package dev.modelfactory.studio.provenance;

import java.util.Objects;

/**
 * An adapter the user can attribute outputs of.
 *
 * @param ref   what the backend resolves ({@code run:N} or a content-hash prefix)
 * @param hash  the adapter's content hash (sha256, 64 hex digits): what the signed record names
 * @param label how the user reads it ("run 3 · recipes")
 */
public record AdapterChoice(String ref, String hash, String label) {

    public AdapterChoice {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(label, "label");
    }

    /** True when {@code hint} (an adapter id from the playground or a benchmark system name) names this one. */
    public boolean matches(String hint) {
        if (hint == null || hint.isBlank()) {
            return false;
        }
        String h = hint.trim();
        return h.equals(ref) || h.equals(label) || (h.length() >= 6 && hash.startsWith(h))
                || label.contains(h) || h.contains(hash.substring(0, Math.min(12, hash.length())));
    }

    @Override
    public String toString() {
        return label;
    }
}
