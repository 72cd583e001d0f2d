package dev.modelfactory.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the app jar's manifest ("dev" when run from classes, as in tests). */
public final class VersionProvider implements IVersionProvider {

    public static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "ModelFactory Studio " + version(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
