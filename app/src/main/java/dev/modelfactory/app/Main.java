package dev.modelfactory.app;

import dev.modelfactory.app.cli.Cli;

/**
 * The launcher's entry point. No arguments opens the studio; arguments run the command line. This class
 * must not extend {@code javafx.application.Application}: with JavaFX on the class path the JVM would
 * then refuse to start it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Before any logger exists: logback.xml writes to this folder.
        if (System.getProperty("modelfactory.log.dir") == null) {
            System.setProperty("modelfactory.log.dir", AppPaths.forCurrentUser().logDir().toString());
        }
        String[] effective = args.length == 0 ? new String[] {"studio"} : args;
        System.exit(Cli.run(effective));
    }
}
