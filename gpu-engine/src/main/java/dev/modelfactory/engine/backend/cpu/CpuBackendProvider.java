package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.backend.Availability;
import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.BackendProvider;
import java.util.Locale;

/**
 * Provider of the cpu backend. Available when the {@code jdk.incubator.vector} module is present (the JVM
 * must run with {@code --add-modules jdk.incubator.vector}). Threads: {@code -Dmodelfactory.threads}, else
 * all available processors.
 */
public final class CpuBackendProvider implements BackendProvider {

    public static final String NAME = "cpu";
    public static final String THREADS_PROPERTY = "modelfactory.threads";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public Availability availability() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Availability.no("the Vector API is missing: run the JVM with --add-modules jdk.incubator.vector");
        }
        try {
            int lanes = CpuMatmul.L;
            return Availability.yes(String.format(Locale.ROOT, "Vector API, %d-bit vectors (%d floats), %d threads",
                    lanes * 32, lanes, threads()));
        } catch (LinkageError e) {
            return Availability.no("the Vector API failed to initialise: " + e);
        }
    }

    @Override
    public Backend create() {
        return new CpuBackend(threads());
    }

    /** Threads from {@code -Dmodelfactory.threads}, else the processor count. */
    public static int threads() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p == null || p.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(p.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + " must be a positive integer, got '" + p + "'");
    }
}
