package dev.modelfactory.engine.backend;

/**
 * A test-only provider standing in for a device backend on a machine without its driver: its probe fails
 * the way JCuda does ({@link UnsatisfiedLinkError}), which {@link Backends} must turn into a reason.
 */
public final class MissingDriverProvider implements BackendProvider {

    @Override
    public String name() {
        return "missing-driver";
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public Availability availability() {
        throw new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file");
    }

    @Override
    public Backend create() {
        throw new AssertionError("never created: it is not available");
    }
}
