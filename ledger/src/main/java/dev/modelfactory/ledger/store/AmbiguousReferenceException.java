package dev.modelfactory.ledger.store;

import java.util.List;

/**
 * A short id prefix or a name matched more than one item (model, dataset), so the caller must say
 * which. The message lists the candidates (short id and name) so a user can retype a longer prefix.
 */
public final class AmbiguousReferenceException extends IllegalArgumentException {

    private final String reference;
    private final List<String> candidates;

    /**
     * @param kind       what was looked up, singular: {@code "model"}, {@code "version"}
     * @param reference  what the user typed
     * @param candidates each match as {@code <short id> (<name>)}
     */
    public AmbiguousReferenceException(String kind, String reference, List<String> candidates) {
        super("'" + reference + "' matches " + candidates.size() + " " + kind + "s: " + String.join(", ", candidates)
                + "; use a longer id prefix or the full id");
        this.reference = reference;
        this.candidates = List.copyOf(candidates);
    }

    /** What the user typed. */
    public String reference() {
        return reference;
    }

    /** Each match as {@code <short id> (<name>)}. */
    public List<String> candidates() {
        return candidates;
    }
}
