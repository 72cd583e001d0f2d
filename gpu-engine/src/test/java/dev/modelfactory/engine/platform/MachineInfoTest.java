package dev.modelfactory.engine.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineInfoTest {

    @Test
    void readsFieldsFromCpuinfoFormat() {
        List<String> lines = List.of(
                "processor\t: 0",
                "model name\t: AMD EPYC 7B13 64-Core Processor",
                "flags\t\t: fpu sse4_2 avx avx2 fma",
                "model\t\t: 1");
        assertThat(MachineInfo.field(lines, "model name")).contains("AMD EPYC 7B13 64-Core Processor");
        assertThat(MachineInfo.field(lines, "model")).contains("1");
        assertThat(MachineInfo.field(lines, "Hardware")).isEmpty();
    }

    @Test
    void detectDescribesThisJvm() {
        MachineInfo info = MachineInfo.detect();
        assertThat(info.logicalCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(info.vectorBits()).isIn(64, 128, 256, 512, 1024, 2048);
        assertThat(info.javaVersion()).startsWith(String.valueOf(Runtime.version().feature()));
        assertThat(info.summary()).contains(info.cpuModel()).contains(info.logicalCores() + " thread");
    }
}
