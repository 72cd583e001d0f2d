package dev.modelfactory.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Builds the command line and runs it, mapping failures onto the exit codes of {@link ExitCodes}. */
public final class Cli {

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {
    }

    /** Runs {@code args} with the process's stdout and stderr; returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RootCommand());
        cl.setOut(out);
        cl.setErr(err);
        // picocli already answers invalid input with 2 (ExitCodes.BAD_INPUT); failures are mapped in onFailure.
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Cli::onFailure);
        return cl;
    }

    private static int onFailure(Exception e, CommandLine cl, ParseResult parsed) {
        boolean badInput = e instanceof BadInputException;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!badInput) {
            LOG.error("{} failed", cl.getCommandName(), e);
        }
        RootCommand root = (RootCommand) cl.getCommandSpec().root().userObject();
        if (root.json()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("ok", false);
            error.put("error", message);
            error.put("kind", badInput ? "bad-input" : "failed");
            cl.getOut().println(Output.toJson(error));
            cl.getOut().flush();
        }
        String where = cl.getCommandSpec().parent() == null ? "modelfactory" : "modelfactory " + cl.getCommandName();
        cl.getErr().println(where + ": " + message);
        cl.getErr().flush();
        return badInput ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
    }
}
