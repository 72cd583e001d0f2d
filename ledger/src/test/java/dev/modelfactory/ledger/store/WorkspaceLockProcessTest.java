package dev.modelfactory.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock across processes: a second studio (a child JVM) is refused while we hold the workspace. */
class WorkspaceLockProcessTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessIsRefusedWhileHeldAndMayOpenAfterClose() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            ws.settings().put("who", "parent");

            Probe refused = run(probe("open"));

            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(LockProbeMain.LOCKED);
            assertThat(refused.output())
                    .contains(ws.root().toString())
                    .contains("pid " + ProcessHandle.current().pid())
                    .contains("Close the other studio");
            assertThat(ws.settings().get("who")).as("the holder is unaffected").contains("parent");
            assertThat(LockHolder.parse(Files.readString(dir.resolve("workspace.lock")))).contains(ws.holder());
        }

        Probe opened = run(probe("open"));

        assertThat(opened.exitCode()).as(opened.output()).isEqualTo(LockProbeMain.OPENED);
        assertThat(opened.output()).contains("OPENED parent");
    }

    @Test
    void h2sOwnFileLockRefusesUsWhenAProgramBypassesTheLockFile() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            ws.settings().put("who", "parent");
        }
        Process holder = probe("hold-h2").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("READY true");

            assertThatThrownBy(() -> Workspace.open(dir))
                    .isInstanceOf(WorkspaceLockedException.class)
                    .hasMessageContaining(dir.toRealPath().toString())
                    .hasMessageContaining("in use by another program");
        } finally {
            holder.getOutputStream().close();
            awaitExit(holder, "");
        }
        try (Workspace ws = Workspace.open(dir)) {
            assertThat(ws.settings().get("who")).contains("parent");
        }
    }

    private record Probe(int exitCode, String output) {
    }

    private ProcessBuilder probe(String mode) {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockProbeMain.class.getName(), mode, dir.toString()))
                .redirectErrorStream(true);
    }

    private static Probe run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Probe(awaitExit(p, output), output);
    }

    /** A guard against a hung child, not a timing assertion: a healthy probe ends within seconds. */
    private static int awaitExit(Process p, String output) throws InterruptedException {
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("probe did not finish; output so far:\n" + output);
        }
        return p.exitValue();
    }
}
