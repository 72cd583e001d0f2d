package dev.modelfactory.ledger.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Run in a child JVM by {@link WorkspaceLockProcessTest}; says how it went by exit code and stdout.
 * <ul>
 *   <li>{@code open DIR}: tries {@link Workspace#open} and closes again;</li>
 *   <li>{@code hold-h2 DIR}: opens the workspace database directly with H2, bypassing our lock file
 *       (as an H2 console would), prints {@code READY} and holds it until stdin closes.</li>
 * </ul>
 */
public final class LockProbeMain {

    static final int OPENED = 0;
    static final int LOCKED = 3;
    static final int OTHER_FAILURE = 4;

    private LockProbeMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        int code;
        try {
            code = args[0].equals("hold-h2") ? holdDatabase(dir) : open(dir);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            code = OTHER_FAILURE;
        }
        System.out.flush();
        System.exit(code);
    }

    private static int open(Path dir) throws IOException {
        try (Workspace ws = Workspace.open(dir)) {
            System.out.println("OPENED " + ws.settings().get("who").orElse("?"));
            return OPENED;
        } catch (WorkspaceLockedException e) {
            System.out.println("LOCKED " + e.getMessage());
            return LOCKED;
        }
    }

    private static int holdDatabase(Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(Workspace.DATABASE_NAME))) {
            System.out.println("READY " + c.isValid(1));
            System.out.flush();
            System.in.readAllBytes(); // until the parent closes our stdin
        }
        return OPENED;
    }
}
