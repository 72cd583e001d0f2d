package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.MetricPoint;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Every stored point of the given runs as CSV (one row per run and step; empty cells where a step has no
 * such metric), written atomically. Raw values: exports never carry smoothing or downsampling.
 */
public final class MetricsCsv {

    public static final String HEADER = "run_id,run_name,step,epoch,elapsed_ms,train_loss,eval_loss,lr,grad_norm,"
            + "tokens_per_s,memory_bytes";

    private MetricsCsv() {
    }

    /** @param runs run id to (name, points), in the order to write */
    public static void write(Path file, Map<Long, Map.Entry<String, List<MetricPoint>>> runs) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (var run : runs.entrySet()) {
                String name = quote(run.getValue().getKey());
                for (MetricPoint p : run.getValue().getValue()) {
                    w.write(run.getKey() + "," + name + "," + p.step() + "," + p.epoch() + "," + p.elapsedMillis()
                            + "," + opt(p.trainLoss().isPresent(), p.trainLoss().orElse(0))
                            + "," + opt(p.evalLoss().isPresent(), p.evalLoss().orElse(0))
                            + "," + opt(p.learningRate().isPresent(), p.learningRate().orElse(0))
                            + "," + opt(p.gradNorm().isPresent(), p.gradNorm().orElse(0))
                            + "," + opt(p.tokensPerSecond().isPresent(), p.tokensPerSecond().orElse(0))
                            + "," + (p.memoryBytes().isPresent() ? Long.toString(p.memoryBytes().getAsLong()) : "")
                            + "\n");
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String opt(boolean present, double v) {
        return present ? Double.toString(v) : "";
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
