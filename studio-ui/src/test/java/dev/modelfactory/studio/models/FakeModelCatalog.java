package dev.modelfactory.studio.models;

import dev.modelfactory.studio.task.TaskContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** An in-memory catalog: the models and folders the test puts in, and a record of what the page asked. */
final class FakeModelCatalog implements ModelCatalog {

    /** One importModel call. */
    record ImportCall(Path location, ImportMode mode) {
    }

    final List<ModelFolder> folders = new CopyOnWriteArrayList<>();
    final List<LocalModel> discovered = new CopyOnWriteArrayList<>();
    final List<LocalModel> imported = new CopyOnWriteArrayList<>();
    final List<ImportCall> importCalls = new CopyOnWriteArrayList<>();
    final List<String> scanThreads = new CopyOnWriteArrayList<>();
    final List<String> folderThreads = new CopyOnWriteArrayList<>();
    /** When set, scan waits for it to open (a slow walk the test releases). */
    volatile CountDownLatch scanGate;
    volatile IOException scanFailure;
    volatile IOException importFailure;

    @Override
    public List<LocalModel> scan(TaskContext ctx) throws IOException {
        scanThreads.add(Thread.currentThread().getName());
        if (scanGate != null) {
            try {
                scanGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (scanFailure != null) {
            throw scanFailure;
        }
        List<LocalModel> found = new ArrayList<>();
        for (int i = 0; i < discovered.size(); i++) {
            ctx.throwIfCancelled();
            ctx.updateProgress(i + 1, discovered.size());
            LocalModel model = discovered.get(i);
            if (folders.stream().anyMatch(f -> f.holds(model))) {
                found.add(model);
            }
        }
        return found;
    }

    @Override
    public List<LocalModel> imported() {
        return List.copyOf(imported);
    }

    @Override
    public LocalModel importModel(Path location, ImportMode mode, TaskContext ctx) throws IOException {
        importCalls.add(new ImportCall(location, mode));
        if (importFailure != null) {
            throw importFailure;
        }
        LocalModel original = discovered.stream().filter(m -> m.location().equals(location)).findFirst()
                .orElseThrow(() -> new IOException("Not a model: " + location));
        String id = "sha256:" + HexFormat.of().formatHex(location.toString().getBytes()).repeat(4).substring(0, 64);
        LocalModel registered = new LocalModel(id, original.name(),
                mode == ImportMode.COPY ? WORKSPACE.resolve(id.substring(7)).resolve(location.getFileName())
                        : location,
                mode == ImportMode.COPY ? ModelSource.WORKSPACE : original.source(), original.format(),
                original.architecture(), original.parameterCount(), original.quantisation(),
                original.contextLength(), original.sizeBytes(), original.problem());
        imported.add(registered);
        return registered;
    }

    @Override
    public List<ModelFolder> folders() {
        folderThreads.add(Thread.currentThread().getName());
        return List.copyOf(folders);
    }

    @Override
    public void addFolder(Path folder) {
        folders.add(new ModelFolder(ModelSource.USER, folder, true));
    }

    @Override
    public void removeFolder(Path folder) {
        if (!folders.removeIf(f -> f.removable() && f.path().equals(folder))) {
            throw new IllegalArgumentException("Not a user folder: " + folder);
        }
    }

    // ---- a realistic machine ----

    static final Path HOME = Path.of("/home/ada");
    static final Path OLLAMA = HOME.resolve(".ollama/models");
    static final Path HF = HOME.resolve(".cache/huggingface/hub");
    static final Path LM_STUDIO = HOME.resolve(".lmstudio/models");
    static final Path USER = HOME.resolve("models");
    static final Path WORKSPACE = HOME.resolve("modelfactory/workspace/models");

    /** Three well-known places (LM Studio not installed) and one folder of the user's. */
    static FakeModelCatalog populated() {
        FakeModelCatalog catalog = empty();
        catalog.folders.add(new ModelFolder(ModelSource.USER, USER, true));
        catalog.discovered.addAll(List.of(
                model("llama3.2:3b", OLLAMA.resolve("blobs/sha256-dde5aa3fc5ff"), ModelSource.OLLAMA,
                        ModelFormat.GGUF, "llama", 3_212_749_888L, "Q4_K_M", 131_072, 2_019_377_376L, null),
                model("qwen2.5:0.5b-instruct", OLLAMA.resolve("blobs/sha256-c5396e06af29"), ModelSource.OLLAMA,
                        ModelFormat.GGUF, "qwen2", 494_032_768L, "Q4_K_M", 32_768, 397_807_936L, null),
                model("TinyLlama/TinyLlama-1.1B-Chat-v1.0", HF.resolve("models--TinyLlama--TinyLlama-1.1B-Chat-v1.0"),
                        ModelSource.HUGGING_FACE_CACHE, ModelFormat.HUGGING_FACE, "llama", 1_100_048_384L, "BF16",
                        2_048, 2_200_119_864L, null),
                model("stories260K", USER.resolve("stories260K.gguf"), ModelSource.USER, ModelFormat.GGUF,
                        "llama", 260_000L, "F32", 512, 1_185_376L, null),
                model("mistral-7b-instruct-v0.3.Q8_0", USER.resolve("mistral-7b-instruct-v0.3.Q8_0.gguf"),
                        ModelSource.USER, ModelFormat.GGUF, "mistral", 7_248_023_552L, "Q8_0", 32_768,
                        7_702_565_536L, null),
                model("half-downloaded", USER.resolve("half-downloaded.gguf"), ModelSource.USER, ModelFormat.GGUF,
                        null, 0, null, 0, 41_943_040L,
                        USER.resolve("half-downloaded.gguf") + ": tensor data ends at byte 41943040, "
                                + "the header promises 4368439296")));
        LocalModel smol = model("SmolLM2-135M", WORKSPACE.resolve("9f1c2e/SmolLM2-135M.gguf"), ModelSource.WORKSPACE,
                ModelFormat.GGUF, "llama", 134_515_008L, "Q8_0", 8_192, 144_811_488L, null);
        catalog.imported.add(withId(smol, "sha256:9f1c2e7d40b3a5c8e1f0d2b4a6c8e0f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3"));
        return catalog;
    }

    /** Only the well-known places, nothing in them. */
    static FakeModelCatalog empty() {
        FakeModelCatalog catalog = new FakeModelCatalog();
        catalog.folders.add(new ModelFolder(ModelSource.OLLAMA, OLLAMA, true));
        catalog.folders.add(new ModelFolder(ModelSource.HUGGING_FACE_CACHE, HF, true));
        catalog.folders.add(new ModelFolder(ModelSource.LM_STUDIO, LM_STUDIO, false));
        return catalog;
    }

    static LocalModel model(String name, Path location, ModelSource source, ModelFormat format, String architecture,
            long parameters, String quantisation, int context, long size, String problem) {
        return new LocalModel(null, name, location, source, format, architecture, parameters, quantisation, context,
                size, problem);
    }

    static LocalModel withId(LocalModel m, String id) {
        return new LocalModel(id, m.name(), m.location(), m.source(), m.format(), m.architecture(),
                m.parameterCount(), m.quantisation(), m.contextLength(), m.sizeBytes(), m.problem());
    }
}
