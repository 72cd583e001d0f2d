package dev.modelfactory.studio;

import java.nio.file.Path;

/** Contexts with recognisable values for the UI tests. */
final class TestContexts {

    static final String WORKSPACE = "/home/ada/modelfactory/workspace";
    static final String SCHEMA = "3";
    static final String DEVICE = "CPU: Intel Xeon Platinum 8480+ \u00b7 2 threads \u00b7 AVX-512";
    static final String VERSION = "0.1.0-SNAPSHOT";

    private TestContexts() {
    }

    static StudioContext.Builder builder(Path preferencesFile) {
        return StudioContext.builder()
                .appVersion(VERSION)
                .workspace(WORKSPACE, SCHEMA)
                .computeDevice(DEVICE)
                .preferencesFile(preferencesFile);
    }

    static StudioContext context(Path preferencesFile) {
        return builder(preferencesFile).build();
    }
}
