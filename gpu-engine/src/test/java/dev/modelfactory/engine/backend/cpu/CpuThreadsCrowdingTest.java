package dev.modelfactory.engine.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the worker pool reads the machine's runnable-thread count, which turns its spin-wait off. */
class CpuThreadsCrowdingTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRunnableCountOfLoadavg() throws IOException {
        assertThat(CpuThreads.Crowding.runnable(write("1.94 2.00 1.62 5/77 3958\n"))).isEqualTo(5);
        assertThat(CpuThreads.Crowding.runnable(write("0.00 0.01 0.05 1/1024 12\n"))).isEqualTo(1);
    }

    @Test
    void aMissingOrMalformedFileCountsAsUnreadable() throws IOException {
        assertThat(CpuThreads.Crowding.runnable(dir.resolve("absent"))).isEqualTo(-1);
        assertThat(CpuThreads.Crowding.runnable(write("1.94 2.00 1.62\n"))).isEqualTo(-1);
        assertThat(CpuThreads.Crowding.runnable(write("1.94 2.00 1.62 x/77 3958\n"))).isEqualTo(-1);
        assertThat(CpuThreads.Crowding.runnable(write(""))).isEqualTo(-1);
    }

    private Path write(String text) throws IOException {
        Path p = Files.createTempFile(dir, "loadavg", "");
        Files.writeString(p, text);
        return p;
    }
}
