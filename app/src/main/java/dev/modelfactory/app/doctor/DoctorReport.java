package dev.modelfactory.app.doctor;

import dev.modelfactory.engine.platform.MachineInfo;
import java.util.List;

/**
 * Everything {@code doctor} reports; serialised as-is for {@code --json}.
 *
 * @param version   ModelFactory Studio version
 * @param machine   Java, OS, CPU and memory of this machine
 * @param workspace the workspace that commands would use
 * @param backends  every compute backend the engine knows, available or not (with the reason)
 */
public record DoctorReport(String version, MachineInfo machine, WorkspaceStatus workspace,
                           List<BackendStatus> backends) {

    /** The human form: one fact per line, grouped. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("ModelFactory Studio ").append(version).append('\n');
        b.append("\nJava       ").append(machine.javaVersion()).append(" (").append(machine.javaVendor()).append(")\n");
        b.append("OS         ").append(machine.osName()).append(" (").append(machine.osArch()).append(")\n");
        b.append("CPU        ").append(machine.cpuModel()).append(", ").append(machine.logicalCores())
                .append(" logical cores, ").append(machine.vectorBits()).append("-bit vectors");
        if (!machine.cpuFlags().isEmpty()) {
            b.append(" (").append(String.join(", ", machine.cpuFlags())).append(')');
        }
        b.append('\n');
        b.append("Memory     ").append(machine.totalMemoryText()).append(" physical, ")
                .append(machine.maxHeap() / (1024 * 1024)).append(" MiB max heap\n");
        b.append("\nWorkspace  ").append(workspace.path()).append('\n');
        b.append("           chosen by ").append(workspace.source()).append('\n');
        b.append("           ").append(workspace.state()).append(": ").append(workspace.message()).append('\n');
        if (workspace.latestSchemaVersion() != null) {
            b.append("           this build knows schema up to ").append(workspace.latestSchemaVersion()).append('\n');
        }
        b.append("\nCompute backends\n");
        for (BackendStatus s : backends) {
            b.append(s.selected() ? "  * " : "    ").append(String.format("%-10s", s.name()))
                    .append(s.available() ? "available" : "unavailable")
                    .append(s.detail().isEmpty() ? "" : ": " + s.detail()).append('\n');
        }
        return b.toString().stripTrailing();
    }
}
