package dev.modelfactory.ledger.store;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * Who holds a workspace: written into {@code workspace.lock} by the holder so that a refused opener
 * can tell the user which studio to close.
 *
 * @param pid   the holder's process id
 * @param host  the machine it runs on (a workspace on a shared drive can be held from elsewhere)
 * @param since when it took the lock
 */
public record LockHolder(long pid, String host, Instant since) {

    /** The running process, now. */
    static LockHolder current() {
        return new LockHolder(ProcessHandle.current().pid(), hostName(), Instant.now());
    }

    /** The lock file's text: a small properties file, readable by people too. */
    String toFileText() {
        return "# ModelFactory Studio workspace lock: held while a studio has this workspace open\n"
                + "pid=" + pid + "\nhost=" + host + "\nsince=" + since + "\n";
    }

    /** Parses {@link #toFileText()}; empty when the text is blank or not ours (e.g. a write in progress). */
    static Optional<LockHolder> parse(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            return Optional.of(new LockHolder(Long.parseLong(p.getProperty("pid", "").trim()),
                    p.getProperty("host", "unknown host").trim(),
                    Instant.parse(p.getProperty("since", "").trim())));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** For messages: {@code pid 1234 on host ws-7, since 2026-11-25T04:00:00Z}. */
    String describe() {
        return "pid " + pid + " on host " + host + ", since " + since;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME"))
                    .or(() -> Optional.ofNullable(System.getenv("COMPUTERNAME")))
                    .orElse("unknown host");
        }
    }
}
