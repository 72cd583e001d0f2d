package dev.modelfactory.app.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.train.LoraTarget;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Exports adapters for a multi-LoRA server: each adapter's PEFT folder under {@code adapters/NAME/}
 * (written by the same save as the studio's, so its content hash is the one compared in the studio),
 * {@code adapters.json} (name, sha256, rank, alpha, targets) and {@code launch.sh} with the server's
 * command. Written into a temp folder renamed into place, like a job bundle.
 */
public final class ServingExport {

    /** vLLM's --max-lora-rank takes one of these (newer versions accept more); the smallest that fits is used. */
    private static final int[] VLLM_RANKS = {8, 16, 32, 64, 128, 256, 512};

    /** One exported adapter. */
    public record Exported(String name, String sha256, int rank, float alpha, List<String> targets, Path folder) {
    }

    /** @param launch the launch.sh text */
    public record Summary(Path folder, ServingFormat format, String base, List<Exported> adapters, String launch) {
    }

    private ServingExport() {
    }

    /**
     * @param adapters the adapters, with the names they will be served under (null name: from the entry)
     * @param base     the base model as the server loads it; null: the adapters' base_model_name_or_path,
     *                 which must then be one and the same
     */
    public static Summary write(List<AdapterCatalog.Entry> adapters, ServingFormat format, String base, Path out)
            throws IOException {
        if (adapters.isEmpty()) {
            throw new TrainingInputException("adapters: give at least one");
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new TrainingInputException("out: " + target + " already exists; choose a new folder");
        }
        List<PeftAdapter> loaded = new ArrayList<>();
        Set<String> bases = new HashSet<>();
        for (AdapterCatalog.Entry e : adapters) {
            PeftAdapter a = AdapterCatalog.load(e.folder());
            loaded.add(a);
            bases.add(String.valueOf(a.config().baseModelNameOrPath()));
        }
        String servedBase = base;
        if (servedBase == null || servedBase.isBlank()) {
            if (bases.size() != 1 || bases.contains("null") || bases.contains("")) {
                throw new TrainingInputException("base: the adapters name " + bases + " as their base; give the base"
                        + " model as the server loads it with --base");
            }
            servedBase = bases.iterator().next();
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
        boolean done = false;
        try {
            List<Exported> exported = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < adapters.size(); i++) {
                PeftAdapter a = loaded.get(i);
                String name = uniqueName(adapters.get(i), a, names);
                Path folder = temp.resolve("adapters").resolve(name);
                a.save(folder);
                exported.add(new Exported(name, a.sha256(), a.config().lora().rank(), a.config().lora().alpha(),
                        a.config().lora().targets().stream().map(LoraTarget::peftName).sorted().toList(),
                        target.resolve("adapters").resolve(name)));
            }
            String launch = format == ServingFormat.VLLM ? vllm(servedBase, exported) : lorax(servedBase, exported);
            Path script = temp.resolve("launch.sh");
            Files.writeString(script, launch);
            try {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: run it with sh
            }
            Files.writeString(temp.resolve("adapters.json"), manifest(servedBase, exported));
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot write " + target + ": its file system cannot rename atomically", e);
            }
            done = true;
            return new Summary(target, format, servedBase, exported, launch);
        } finally {
            if (!done) {
                BundleFiles.deleteTree(temp);
            }
        }
    }

    private static String uniqueName(AdapterCatalog.Entry e, PeftAdapter a, Set<String> taken) {
        String stem = e.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (stem.isEmpty() || stem.length() > 40) {
            stem = stem.isEmpty() ? "adapter" : stem.substring(0, 40);
        }
        String name = stem + "-" + a.sha256().substring(0, 8);
        for (int n = 2; !taken.add(name); n++) {
            name = stem + "-" + a.sha256().substring(0, 8) + "-" + n;
        }
        return name;
    }

    static String vllm(String base, List<Exported> adapters) {
        int maxRank = adapters.stream().mapToInt(Exported::rank).max().orElse(8);
        int rank = maxRank;
        for (int r : VLLM_RANKS) {
            if (r >= maxRank) {
                rank = r;
                break;
            }
        }
        StringBuilder b = header(base, adapters);
        b.append("vllm serve ").append(quote(base)).append(" \\\n  --enable-lora \\\n  --max-lora-rank ").append(rank)
                .append(" \\\n  --max-loras ").append(adapters.size()).append(" \\\n  --lora-modules");
        for (Exported e : adapters) {
            b.append(" \\\n    ").append(e.name()).append("=\"$HERE/adapters/").append(e.name()).append('"');
        }
        b.append("\n# then: an OpenAI client with model=\"").append(adapters.getFirst().name())
                .append("\" (GET /v1/models lists them)\n");
        return b.toString();
    }

    static String lorax(String base, List<Exported> adapters) {
        StringBuilder b = header(base, adapters);
        b.append("# LoRAX loads adapters per request; the adapters folder is mounted at /data\n")
                .append("docker run --gpus all --shm-size 1g -p 8080:80 -v \"$HERE\":/data \\\n")
                .append("  ghcr.io/predibase/lorax:main --model-id ").append(quote(base)).append('\n')
                .append("# a request with adapter ").append(adapters.getFirst().name()).append(":\n")
                .append("# curl 127.0.0.1:8080/generate -X POST -H 'Content-Type: application/json' -d '{\"inputs\":")
                .append(" \"Hello\", \"parameters\": {\"adapter_id\": \"/data/adapters/").append(adapters.getFirst().name())
                .append("\", \"adapter_source\": \"local\", \"max_new_tokens\": 64}}'\n");
        return b.toString();
    }

    private static StringBuilder header(String base, List<Exported> adapters) {
        StringBuilder b = new StringBuilder("#!/bin/sh\n# Exported by ModelFactory Studio: base ").append(base)
                .append("; adapters by content sha256 (as compared in the studio):\n");
        for (Exported e : adapters) {
            b.append("#   ").append(e.name()).append("  ").append(e.sha256()).append("  rank ").append(e.rank())
                    .append(", alpha ").append(e.alpha()).append(", ").append(String.join(",", e.targets())).append('\n');
        }
        b.append("HERE=\"$(cd \"$(dirname \"$0\")\" && pwd)\"\n");
        return b;
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:@+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static String manifest(String base, List<Exported> adapters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", base);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Exported e : adapters) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", e.name());
            a.put("sha256", e.sha256());
            a.put("rank", e.rank());
            a.put("alpha", e.alpha());
            a.put("targets", e.targets());
            a.put("path", "adapters/" + e.name());
            list.add(a);
        }
        m.put("adapters", list);
        try {
            return BundleFiles.JSON.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
