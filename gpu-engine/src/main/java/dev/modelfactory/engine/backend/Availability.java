package dev.modelfactory.engine.backend;

import java.util.Objects;

/**
 * Whether a backend can run on this machine, and if not, why, in words a user can act on
 * (e.g. "no CUDA driver (libcuda.so.1 not found)").
 */
public record Availability(boolean available, String reason) {

    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    public static Availability yes(String detail) {
        return new Availability(true, detail);
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
