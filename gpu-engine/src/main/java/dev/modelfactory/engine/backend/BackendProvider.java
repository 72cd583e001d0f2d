package dev.modelfactory.engine.backend;

/**
 * Service-provider entry for one backend, listed in {@code META-INF/services}. Must be cheap to
 * construct and must not load natives in its constructor: {@link #availability()} is where a provider
 * probes its hardware and drivers, catching {@link LinkageError}s, so a missing driver becomes a reason,
 * never a crash.
 */
public interface BackendProvider {

    /** Short lower-case name used by {@code -Dmodelfactory.backend}, e.g. {@code cpu}. */
    String name();

    /** Higher is preferred; reference is lowest. */
    int rank();

    /** Probes the machine; may be called more than once. */
    Availability availability();

    /** Creates a backend; only called when {@link #availability()} said yes. */
    Backend create();
}
