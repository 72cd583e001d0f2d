package dev.modelfactory.app.cli.wallet;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.ledger.wallet.Secrets;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a command's password comes from: a file, an environment variable, or the console (not echoed).
 * The returned {@code char[]} is the caller's to wipe.
 */
public final class Passwords {

    /** The environment variable scripts may set instead of a password file. */
    public static final String ENV = "MODELFACTORY_WALLET_PASSWORD";

    private Passwords() {
    }

    /**
     * The password from {@code file} if given, else {@value #ENV}, else the console.
     *
     * @param confirm on the console, ask twice (for a new password)
     * @throws BadInputException if there is no source, the file is unreadable or empty, or the two entries differ
     */
    public static char[] read(Path file, String prompt, boolean confirm) {
        if (file != null) {
            return fromFile(file);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            throw new BadInputException("no password: give --password-file FILE or set " + ENV
                    + " (there is no terminal to ask on)");
        }
        char[] first = console.readPassword("%s: ", prompt);
        if (first == null || first.length == 0) {
            throw new BadInputException("no password entered");
        }
        if (confirm) {
            char[] again = console.readPassword("%s (again): ", prompt);
            boolean same = Arrays.equals(first, again);
            Secrets.wipe(again);
            if (!same) {
                Secrets.wipe(first);
                throw new BadInputException("the two passwords differ");
            }
        }
        return first;
    }

    /** The first line of {@code file}, without its line break. */
    public static char[] fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the password file (" + e.getMessage() + ")");
        }
        try {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw new BadInputException(file + ": the password file's first line is empty");
            }
            return line.toCharArray();
        } finally {
            Secrets.wipe(bytes);
        }
    }
}
