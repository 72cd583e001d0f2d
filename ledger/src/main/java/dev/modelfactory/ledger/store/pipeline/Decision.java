package dev.modelfactory.ledger.store.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's decision on an {@code approve} step.
 *
 * @param approved true: approved; false: rejected
 * @param actor    who decided (a name the person gave, or the OS user)
 * @param reason   why (may be empty; required for a rejection by the CLI)
 * @param at       when
 */
public record Decision(boolean approved, String actor, String reason, Instant at) {

    public Decision {
        Objects.requireNonNull(actor, "actor");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(at, "at");
    }
}
