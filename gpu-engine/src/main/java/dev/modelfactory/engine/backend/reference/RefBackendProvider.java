package dev.modelfactory.engine.backend.reference;

import dev.modelfactory.engine.backend.Availability;
import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.BackendProvider;

/** Provider of the reference backend; always available. */
public final class RefBackendProvider implements BackendProvider {

    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.yes("plain Java scalar loops (slow; the oracle)");
    }

    @Override
    public Backend create() {
        return new RefBackend();
    }
}
