package dev.modelfactory.ledger.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The ModelFactory Studio version this ledger was built as, from a resource Maven fills in at build
 * time; recorded in {@code workspace_info} so a workspace says which build created it.
 */
final class BuildVersion {

    private static final String RESOURCE = "build.properties";
    private static final String UNKNOWN = "unknown";

    private BuildVersion() {
    }

    static String current() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", UNKNOWN).trim();
            return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
