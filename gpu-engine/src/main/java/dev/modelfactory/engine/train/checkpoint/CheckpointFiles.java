package dev.modelfactory.engine.train.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelfactory.engine.format.safetensors.SafetensorsFile;
import dev.modelfactory.engine.format.safetensors.SafetensorsTensor;
import dev.modelfactory.engine.format.safetensors.SafetensorsWriter;
import dev.modelfactory.engine.train.data.DataPosition;
import dev.modelfactory.engine.train.optim.AdamW;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files of one checkpoint folder (see package-info): writing them, and reading them back verified. */
final class CheckpointFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXP_AVG = ".exp_avg";
    private static final String EXP_AVG_SQ = ".exp_avg_sq";

    private CheckpointFiles() {
    }

    static void write(Path folder, Checkpoint c) throws IOException {
        SafetensorsWriter params = new SafetensorsWriter().metadata("format", "modelfactory-checkpoint");
        c.parameters().forEach((name, t) -> params.addFloats(name, longs(t.shape()), t.values()));
        params.write(folder.resolve(CheckpointStore.PARAMS));

        SafetensorsWriter opt = new SafetensorsWriter().metadata("step", Long.toString(c.optimizer().step()));
        c.optimizer().expAvg().forEach((name, m) -> opt.addFloats(name + EXP_AVG, new long[] {m.length}, m));
        c.optimizer().expAvgSq().forEach((name, v) -> opt.addFloats(name + EXP_AVG_SQ, new long[] {v.length}, v));
        opt.write(folder.resolve(CheckpointStore.OPTIMIZER));

        FileSync.writeSynced(folder.resolve(CheckpointStore.METRICS), c.metricsJsonl().getBytes(StandardCharsets.UTF_8));

        ObjectNode m = JSON.createObjectNode();
        m.put("format", CheckpointStore.FORMAT);
        m.put("step", c.step());
        m.put("epoch", c.data().epoch());
        m.put("index", c.data().index());
        m.put("seed", c.seed());
        m.put("config_sha256", c.configSha256());
        m.put("optimizer_step", c.optimizer().step());
        ObjectNode files = m.putObject("files");
        for (String f : List.of(CheckpointStore.METRICS, CheckpointStore.OPTIMIZER, CheckpointStore.PARAMS)) {
            files.put(f, sha256(folder.resolve(f)));
        }
        FileSync.writeSynced(folder.resolve(CheckpointStore.MANIFEST),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    }

    static Checkpoint read(Path folder) {
        Path manifest = folder.resolve(CheckpointStore.MANIFEST);
        JsonNode m;
        try {
            m = JSON.readTree(Files.readString(manifest));
        } catch (IOException e) {
            throw new IllegalStateException(manifest + ": cannot read: " + e.getMessage(), e);
        }
        int format = field(m, "format", manifest).asInt();
        if (format != CheckpointStore.FORMAT) {
            throw new IllegalStateException(manifest + ": format " + format + " is not " + CheckpointStore.FORMAT);
        }
        JsonNode files = field(m, "files", manifest);
        for (String f : List.of(CheckpointStore.METRICS, CheckpointStore.OPTIMIZER, CheckpointStore.PARAMS)) {
            String want = field(files, f, manifest).asText();
            String got;
            try {
                got = sha256(folder.resolve(f));
            } catch (IOException e) {
                throw new IllegalStateException(folder.resolve(f) + ": cannot read: " + e.getMessage(), e);
            }
            if (!want.equals(got)) {
                throw new IllegalStateException(folder.resolve(f) + ": sha256 " + got + " does not match the manifest's " + want);
            }
        }
        Map<String, Checkpoint.Tensor> params = new LinkedHashMap<>();
        try (SafetensorsFile p = SafetensorsFile.open(folder.resolve(CheckpointStore.PARAMS))) {
            for (SafetensorsTensor t : p.tensors()) {
                params.put(t.name(), new Checkpoint.Tensor(ints(t.shape()), p.dequantize(t.name())));
            }
        }
        Map<String, float[]> expAvg = new LinkedHashMap<>();
        Map<String, float[]> expAvgSq = new LinkedHashMap<>();
        try (SafetensorsFile o = SafetensorsFile.open(folder.resolve(CheckpointStore.OPTIMIZER))) {
            for (SafetensorsTensor t : o.tensors()) {
                String n = t.name();
                if (n.endsWith(EXP_AVG_SQ)) {
                    expAvgSq.put(n.substring(0, n.length() - EXP_AVG_SQ.length()), o.dequantize(n));
                } else if (n.endsWith(EXP_AVG)) {
                    expAvg.put(n.substring(0, n.length() - EXP_AVG.length()), o.dequantize(n));
                } else {
                    throw new IllegalStateException(o.source() + ": unexpected tensor " + n);
                }
            }
        }
        String metrics;
        try {
            metrics = Files.readString(folder.resolve(CheckpointStore.METRICS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int step = field(m, "step", manifest).asInt();
        if (step != CheckpointStore.stepOf(folder)) {
            throw new IllegalStateException(manifest + ": step " + step + " does not match the folder name");
        }
        return new Checkpoint(step,
                new DataPosition(field(m, "epoch", manifest).asInt(), field(m, "index", manifest).asInt()),
                field(m, "seed", manifest).asLong(), field(m, "config_sha256", manifest).asText(), params,
                new AdamW.State(field(m, "optimizer_step", manifest).asLong(), expAvg, expAvgSq), metrics);
    }

    private static JsonNode field(JsonNode n, String name, Path source) {
        JsonNode v = n == null ? null : n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalStateException(source + ": field '" + name + "' is missing");
        }
        return v;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static long[] longs(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private static int[] ints(long[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.toIntExact(a[i]);
        }
        return out;
    }
}
