package dev.modelfactory.engine.platform;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;

/**
 * A truthful description of the machine the engine runs on.
 *
 * @param cpuModel       the processor's marketing name, or the OS architecture when it cannot be read
 * @param logicalCores   processors available to this JVM (respects container limits)
 * @param vectorBits     width of the preferred SIMD float vector the Vector API compiles to
 * @param cpuFlags       the SIMD-related flags the OS reports (avx2, fma, avx512f, neon, ...)
 * @param totalMemory    physical memory in bytes, or -1 when the JVM cannot tell
 * @param maxHeap        the JVM's maximum heap in bytes
 * @param osName         OS name and version
 * @param osArch         OS architecture
 * @param javaVersion    the running Java version
 * @param javaVendor     the running Java vendor / runtime name
 */
public record MachineInfo(String cpuModel, int logicalCores, int vectorBits, List<String> cpuFlags,
                          long totalMemory, long maxHeap, String osName, String osArch,
                          String javaVersion, String javaVendor) {

    private static final List<String> SIMD_FLAGS = List.of(
            "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16",
            "amx_bf16", "neon", "asimd", "sve");

    /** Reads the machine this JVM runs on. */
    public static MachineInfo detect() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        List<String> lines = readLines(cpuinfo);
        String model = field(lines, "model name").or(() -> field(lines, "Hardware"))
                .orElse(System.getProperty("os.arch"));
        List<String> flags = field(lines, "flags").or(() -> field(lines, "Features"))
                .map(f -> Stream.of(f.split("\\s+")).filter(SIMD_FLAGS::contains).distinct().toList())
                .orElse(List.of());
        return new MachineInfo(model.trim(), Runtime.getRuntime().availableProcessors(),
                FloatVector.SPECIES_PREFERRED.vectorBitSize(), flags, physicalMemory(),
                Runtime.getRuntime().maxMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), Runtime.version().toString(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.name"));
    }

    /** One line for a status bar: "AMD EPYC · 2 threads · 256-bit SIMD (avx2, fma)". */
    public String summary() {
        String simd = vectorBits + "-bit SIMD" + (cpuFlags.isEmpty() ? "" : " (" + String.join(", ", cpuFlags) + ")");
        return "%s · %d thread%s · %s".formatted(cpuModel, logicalCores, logicalCores == 1 ? "" : "s", simd);
    }

    /** Physical memory in GiB with one decimal, or "unknown". */
    public String totalMemoryText() {
        return totalMemory < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", totalMemory / (1024.0 * 1024 * 1024));
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.isReadable(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static Optional<String> field(List<String> cpuinfoLines, String key) {
        return cpuinfoLines.stream()
                .filter(l -> l.startsWith(key) && l.indexOf(':') > 0
                        && l.substring(0, l.indexOf(':')).trim().equals(key))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .filter(v -> !v.isEmpty())
                .findFirst();
    }
}
