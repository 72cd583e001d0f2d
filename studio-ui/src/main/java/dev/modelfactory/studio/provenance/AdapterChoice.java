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

    /**
     * True when {@code hint} (a playground adapter id, a benchmark system's adapter hash or label) names this
     * adapter: its ref, its label, a label's leading part ("run 3"), or a hash prefix of 6+ hex digits.
     */
    public boolean matches(String hint) {
        if (hint == null || hint.isBlank()) {
            return false;
        }
        String h = hint.strip();
        return h.equals(ref) || h.equals(label) || label.startsWith(h + " ")
                || (h.length() >= 6 && h.matches("[0-9a-fA-F]+") && hash.startsWith(h.toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public String toString() {
        return label;
    }
}
