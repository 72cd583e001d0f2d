package dev.modelfactory.engine.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds models where users keep them (Ollama's store, the Hugging Face cache, LM Studio's folder, folders
 * the user adds) and reads their headers, never their weights. Reads only; follows no network.
 */
public final class ModelDiscovery {

    /** How deep a user folder is searched. */
    static final int USER_DEPTH = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelDiscovery() {
    }

    /** The stores of the tools users install, for this user and environment. */
    public static List<ModelStore> knownStores(Map<String, String> env, Path home) {
        List<ModelStore> stores = new ArrayList<>();
        stores.add(new ModelStore(ModelStore.Kind.OLLAMA, env.containsKey("OLLAMA_MODELS")
                ? Path.of(env.get("OLLAMA_MODELS")) : home.resolve(".ollama/models")));
        Path hfHome = env.containsKey("HF_HOME") ? Path.of(env.get("HF_HOME")) : home.resolve(".cache/huggingface");
        stores.add(new ModelStore(ModelStore.Kind.HUGGING_FACE_CACHE, env.containsKey("HF_HUB_CACHE")
                ? Path.of(env.get("HF_HUB_CACHE")) : hfHome.resolve("hub")));
        stores.add(new ModelStore(ModelStore.Kind.LM_STUDIO, home.resolve(".lmstudio/models")));
        stores.add(new ModelStore(ModelStore.Kind.LM_STUDIO, home.resolve(".cache/lm-studio/models")));
        return stores;
    }

    /** {@link #knownStores(Map, Path)} for the running user. */
    public static List<ModelStore> knownStores() {
        return knownStores(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Scans {@code stores} (missing folders are skipped).
     *
     * @param progress  receives one line per model looked at
     * @param cancelled polled between models; the scan returns what it found so far when true
     */
    public static List<DiscoveredModel> scan(List<ModelStore> stores, Consumer<String> progress, BooleanSupplier cancelled) {
        List<DiscoveredModel> found = new ArrayList<>();
        for (ModelStore store : stores) {
            if (!Files.isDirectory(store.folder())) {
                continue;
            }
            for (Candidate c : candidates(store)) {
                if (cancelled.getAsBoolean()) {
                    return found;
                }
                progress.accept("Reading " + c.name());
                found.add(read(c, store));
            }
        }
        return found;
    }

    private record Candidate(String name, Path location) {
    }

    private static DiscoveredModel read(Candidate c, ModelStore store) {
        try {
            return new DiscoveredModel(c.name(), c.location(), store, Optional.of(ModelLoader.inspect(c.location())), null);
        } catch (RuntimeException e) {
            return new DiscoveredModel(c.name(), c.location(), store, Optional.empty(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static List<Candidate> candidates(ModelStore store) {
        try {
            return switch (store.kind()) {
                case OLLAMA -> ollama(store.folder());
                case HUGGING_FACE_CACHE -> huggingFace(store.folder());
                case LM_STUDIO, USER -> walk(store.folder(), store.folder());
            };
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Each manifest names its model layer by digest; the layer is a GGUF blob. */
    static List<Candidate> ollama(Path root) throws IOException {
        Path manifests = root.resolve("manifests");
        if (!Files.isDirectory(manifests)) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(manifests, 6)) {
            for (Path m : files.filter(Files::isRegularFile).sorted().toList()) {
                Optional<String> digest = modelLayer(m);
                if (digest.isEmpty()) {
                    continue;
                }
                Path blob = root.resolve("blobs").resolve(digest.get().replace(':', '-'));
                Path rel = manifests.relativize(m);
                int n = rel.getNameCount();
                String model = n >= 2 ? rel.getName(n - 2) + ":" + rel.getName(n - 1) : rel.toString();
                String namespace = n >= 3 ? rel.getName(n - 3).toString() : "";
                out.add(new Candidate(namespace.isEmpty() || namespace.equals("library") ? model : namespace + "/" + model, blob));
            }
        }
        return out;
    }

    private static Optional<String> modelLayer(Path manifest) {
        try {
            JsonNode layers = JSON.readTree(manifest.toFile()).path("layers");
            for (JsonNode layer : layers) {
                if ("application/vnd.ollama.image.model".equals(layer.path("mediaType").asText())) {
                    String digest = layer.path("digest").asText();
                    return digest.matches("sha256:[0-9a-f]{64}") ? Optional.of(digest) : Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code models--org--name/snapshots/<rev>}: one candidate per snapshot (a folder) or per GGUF in it. */
    static List<Candidate> huggingFace(Path hub) throws IOException {
        List<Candidate> out = new ArrayList<>();
        try (Stream<Path> repos = Files.list(hub)) {
            for (Path repo : repos.filter(p -> p.getFileName().toString().startsWith("models--")).sorted().toList()) {
                String name = repo.getFileName().toString().substring("models--".length()).replace("--", "/");
                Path snapshots = repo.resolve("snapshots");
                if (!Files.isDirectory(snapshots)) {
                    continue;
                }
                try (Stream<Path> revs = Files.list(snapshots)) {
                    for (Path rev : revs.filter(Files::isDirectory).sorted().toList()) {
                        if (Files.isRegularFile(rev.resolve("config.json"))) {
                            out.add(new Candidate(name, rev));
                        } else {
                            walk(rev, rev).forEach(c -> out.add(new Candidate(name + "/" + c.name(), c.location())));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** GGUF files and folders holding a config.json plus safetensors, up to {@link #USER_DEPTH} below root. */
    static List<Candidate> walk(Path root, Path base) throws IOException {
        List<Candidate> out = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root, USER_DEPTH, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : paths.sorted().toList()) {
                String file = p.getFileName() == null ? "" : p.getFileName().toString();
                if (Files.isRegularFile(p) && file.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")) {
                    out.add(new Candidate(base.relativize(p).toString(), p));
                } else if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("config.json")) && hasSafetensors(p)) {
                    String rel = base.relativize(p).toString();
                    out.add(new Candidate(rel.isEmpty() ? file : rel, p));
                }
            }
        } catch (java.io.UncheckedIOException e) {
            // an unreadable sub-folder: return what was found before it
        }
        return out;
    }

    private static boolean hasSafetensors(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".safetensors"));
        } catch (IOException e) {
            return false;
        }
    }
}
