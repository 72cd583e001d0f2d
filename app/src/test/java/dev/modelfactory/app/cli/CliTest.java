package dev.modelfactory.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs {@code args} against the workspace folder {@code workspace}. */
    static Run inWorkspace(java.nio.file.Path workspace, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--workspace";
        all[1] = workspace.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(all);
    }

    @Test
    void helpListsTheWorkingCommandFamilies() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: modelfactory").contains("--workspace").contains("--json")
                .contains("doctor").contains("studio");
    }

    @Test
    void versionPrintsProductAndJava() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ModelFactory Studio").contains("Java " + Runtime.version().feature());
    }

    @Test
    void unknownCommandIsBadUsage() {
        Run r = run("no-such-command");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no-such-command");
    }

    @Test
    void unknownOptionIsBadUsage() {
        Run r = run("doctor", "--frobnicate");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--frobnicate");
    }
}
