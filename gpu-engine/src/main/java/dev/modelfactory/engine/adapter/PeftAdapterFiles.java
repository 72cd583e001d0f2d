package dev.modelfactory.engine.adapter;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.safetensors.SafetensorsFile;
import dev.modelfactory.engine.format.safetensors.SafetensorsTensor;
import dev.modelfactory.engine.format.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The PEFT folder: {@code adapter_config.json} + {@code adapter_model.safetensors} (F32, keys sorted; F16,
 * BF16 and F64 accepted on load). Saving assembles the folder under a hidden temporary name next to the
 * target and renames it into place, replacing an existing folder only once the new one is complete.
 */
final class PeftAdapterFiles {

    static final String WEIGHTS = "adapter_model.safetensors";

    private PeftAdapterFiles() {
    }

    static void save(PeftAdapter a, Path folder) {
        Path parent = folder.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, ".tmp-" + folder.getFileName() + "-");
            Files.writeString(tmp.resolve(PeftAdapterConfig.FILE), a.config().toJson());
            SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
            a.tensors().forEach((k, t) -> w.addFloats(k, new long[] {t.rows(), t.cols()}, t.values()));
            w.write(tmp.resolve(WEIGHTS));
            if (Files.exists(folder)) {
                Path old = Files.createTempDirectory(parent, ".tmp-old-" + folder.getFileName() + "-");
                Files.move(folder, old.resolve("a"), StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write adapter " + folder + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    deleteTree(tmp);
                } catch (IOException ignored) {
                    // a hidden leftover; the failure is already reported
                }
            }
        }
    }

    static PeftAdapter load(Path folder) {
        Path cfg = folder.resolve(PeftAdapterConfig.FILE);
        Path weights = folder.resolve(WEIGHTS);
        if (!Files.isRegularFile(cfg) || !Files.isRegularFile(weights)) {
            throw new AdapterException(folder + ": not a PEFT adapter folder (needs " + PeftAdapterConfig.FILE + " and "
                    + WEIGHTS + ")");
        }
        PeftAdapterConfig config;
        try {
            config = PeftAdapterConfig.parse(Files.readString(cfg), cfg.toString());
        } catch (IOException e) {
            throw new AdapterException(cfg + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, AdapterTensor> tensors = new TreeMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(weights)) {
            for (SafetensorsTensor t : f.tensors()) {
                long[] s = t.shape();
                if (s.length != 2) {
                    throw new AdapterException(weights + ": " + t.name() + ": a LoRA matrix must be 2-d, got "
                            + java.util.Arrays.toString(s));
                }
                tensors.put(t.name(), new AdapterTensor(new int[] {Math.toIntExact(s[0]), Math.toIntExact(s[1])},
                        f.dequantize(t.name())));
            }
        } catch (ModelFormatException e) {
            throw new AdapterException(e.getMessage(), e);
        }
        try {
            return new PeftAdapter(config, tensors);
        } catch (AdapterException e) {
            throw new AdapterException(weights + ": " + e.getMessage(), e);
        }
    }

    /**
     * The adapter's identity: sha256 over {@code "adapter_config.json\n" + its JSON as we write it + "\n"}
     * followed, per tensor in key order, by {@code key + "\0"}, the shape as little-endian int32s and the
     * values as little-endian F32. The same adapter gives the same hash whether stored as F32 or read from
     * a file whose JSON was formatted differently.
     */
    static String sha256(PeftAdapter a) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md.update((PeftAdapterConfig.FILE + "\n" + a.config().toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        a.tensors().forEach((k, t) -> {
            md.update((k + "\0").getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(8 + 4 * t.rows() * t.cols()).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(t.rows()).putInt(t.cols());
            b.asFloatBuffer().put(t.values());
            md.update(b.array());
        });
        return HexFormat.of().formatHex(md.digest());
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
