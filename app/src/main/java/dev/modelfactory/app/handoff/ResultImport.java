package dev.modelfactory.app.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingConfigJson;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.run.NewRun;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Brings a trainer's result back as a run: the PEFT adapter (checked strictly, as {@code adapter import}
 * does, and against the base model's shapes) and the curves of its {@code trainer_state.json}, linked to
 * the bundle's dataset version and config hash. Refused, naming which, when the bundle was edited since
 * export (config or data file hashes), when this workspace lacks the bundle's dataset version or base
 * model, when the adapter names or fits another base, or when its LoRA settings differ from the config.
 */
public final class ResultImport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Workspace workspace;

    public ResultImport(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /**
     * @param resultDir the trainer's output_dir (adapter_config.json, adapter_model.safetensors, trainer_state.json)
     * @param bundle    the job bundle it was trained from
     * @param name      run name, or null for "MODEL on DATASET (TRAINER)"
     */
    public ImportedRun importResult(Path resultDir, Path bundle, String name) {
        JsonNode prov = provenance(bundle);
        String trainer = text(prov, "trainer");
        TrainerFormat format = TrainerFormat.parse(trainer);
        String canonical = text(prov.path("config"), "canonical_json");
        String configHash = text(prov.path("config"), "sha256");
        if (!JobBundleExport.sha256(canonical).equals(configHash)) {
            throw new TrainingInputException("config: provenance.json's config sha256 " + configHash + " is not the"
                    + " hash of its canonical JSON: the bundle was edited after export");
        }
        TrainingConfig config;
        try {
            config = TrainingConfigJson.parse(canonical);
        } catch (IllegalArgumentException e) {
            throw new TrainingInputException("config: provenance.json: " + e.getMessage(), e);
        }
        checkFiles(bundle, prov.path("dataset").path("files"));

        String dsName = text(prov.path("dataset"), "name");
        String root = text(prov.path("dataset"), "version_root");
        DatasetStore store = new DatasetStore(workspace);
        DatasetInfo ds = store.findByName(dsName).orElseThrow(() -> new TrainingInputException("dataset: the bundle"
                + " was exported from dataset '" + dsName + "', which this workspace does not have"));
        if (store.version(ds.id(), root).filter(v -> v.root().equals(root)).isEmpty()) {
            throw new TrainingInputException("dataset: the bundle's dataset hash " + root + " is not a version of '"
                    + dsName + "' in this workspace (other dataset version)");
        }
        String modelHash = text(prov.path("base_model"), "sha256");
        ModelRecord model = workspace.models().get(modelHash).orElseThrow(() -> new TrainingInputException(
                "base model: the bundle's base model " + text(prov.path("base_model"), "name") + " (sha256 " + modelHash
                        + ") is not in this workspace"));

        if (!Files.isDirectory(resultDir)) {
            throw new TrainingInputException(resultDir + ": no such folder");
        }
        PeftAdapter adapter = AdapterCatalog.load(resultDir);
        checkBaseName(adapter, text(prov.path("base_model"), "trainer_path"));
        try (ModelFiles files = ModelFiles.open(model.location())) {
            adapter.checkAgainst(files.config());
        } catch (AdapterException e) {
            throw new TrainingInputException("base model: the adapter does not fit " + model.name() + " (sha256 "
                    + modelHash + "): " + e.getMessage(), e);
        } catch (ModelFormatException e) {
            throw new TrainingInputException("base model: " + model.location() + ": " + e.getMessage(), e);
        }
        checkLora(adapter.config().lora(), config.lora());
        TrainerState state = TrainerState.read(TrainerState.find(resultDir));

        String runName = name != null && !name.isBlank() ? name
                : model.name() + " on " + dsName + " (" + format.displayName() + ")";
        NewRun run = new NewRun(runName, modelHash, dsName, root, canonical, configHash, config.seed(),
                format.cliName() + " (external)", "external: " + format.displayName() + " via job bundle "
                + bundle.toAbsolutePath().normalize().getFileName());
        String message = "trained by " + format.displayName() + " from job bundle " + bundle.toAbsolutePath().normalize()
                + "; curves from " + state.file() + " (" + state.points().size() + " points"
                + (state.nonFinite() > 0 ? ", " + state.nonFinite() + " non-finite values left out" : "")
                + "; the trainer records no per-step wall time)";
        Path runs = workspace.root().resolve("runs");
        Path temp = null;
        try {
            Files.createDirectories(runs);
            temp = Files.createTempDirectory(runs, ".import-");
            Path staged = temp.resolve("adapter");
            adapter.save(staged);
            Path tempFinal = temp;
            RunRecord record = new RunStore(workspace).importFinished(run, state.points(), message, adapter.sha256(),
                    id -> moveInto(staged, runs.resolve(Long.toString(id))));
            BundleFiles.deleteTree(tempFinal);
            return new ImportedRun(record, runs.resolve(Long.toString(record.id())).resolve("adapter"),
                    state.points().size(), state.nonFinite(), state.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                BundleFiles.deleteTree(temp);
            }
        }
    }

    private static void moveInto(Path staged, Path runFolder) {
        try {
            Files.createDirectories(runFolder);
            Files.move(staged, runFolder.resolve("adapter"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot place the adapter in " + runFolder, e);
        }
    }

    private static JsonNode provenance(Path bundle) {
        Path file = bundle.resolve(Provenance.FILE);
        if (!Files.isRegularFile(file)) {
            throw new TrainingInputException("--from-run " + bundle + ": no " + Provenance.FILE + "; not a job bundle"
                    + " (train export writes one)");
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(file));
            if (n == null || !n.isObject() || n.path("format_version").asInt() != 1) {
                throw new TrainingInputException(file + ": format_version: expected 1");
            }
            return n;
        } catch (IOException e) {
            throw new TrainingInputException(file + ": not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new TrainingInputException(Provenance.FILE + ": " + field + ": missing");
        }
        return v.asText();
    }

    /** The data files must be those exported: the dataset hash refers to them. */
    private static void checkFiles(Path bundle, JsonNode files) {
        if (!files.isObject() || files.isEmpty()) {
            throw new TrainingInputException(Provenance.FILE + ": dataset.files: missing");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Path f = bundle.resolve(e.getKey()).normalize();
            if (!f.startsWith(bundle.normalize()) || !Files.isRegularFile(f)) {
                throw new TrainingInputException("dataset: bundle file " + e.getKey() + " is missing");
            }
            String actual = fileSha256(f);
            if (!actual.equals(e.getValue().asText())) {
                throw new TrainingInputException("dataset: bundle file " + e.getKey() + " changed since export (sha256 "
                        + actual + ", provenance.json says " + e.getValue().asText() + ")");
            }
        }
    }

    private static void checkBaseName(PeftAdapter a, String trainerPath) {
        String named = a.config().baseModelNameOrPath();
        if (named == null || named.isBlank() || named.equals(trainerPath)) {
            return;
        }
        // the same folder may be mounted elsewhere on the cluster: its last path element must still agree
        if (!lastElement(named).equals(lastElement(trainerPath))) {
            throw new TrainingInputException("base model: adapter_config.json names base_model_name_or_path '" + named
                    + "', the bundle was exported for '" + trainerPath + "'");
        }
    }

    private static String lastElement(String p) {
        String s = p.replace('\\', '/');
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private static void checkLora(LoraConfig got, LoraConfig want) {
        if (want == null) {
            throw new TrainingInputException("config: the bundle is a full fine-tune; a LoRA adapter is not its result");
        }
        if (got.rank() != want.rank()) {
            throw new TrainingInputException("config: the adapter's rank " + got.rank() + " differs from the bundle's "
                    + want.rank());
        }
        if (Float.compare(got.alpha(), want.alpha()) != 0) {
            throw new TrainingInputException("config: the adapter's lora_alpha " + got.alpha() + " differs from the"
                    + " bundle's " + want.alpha());
        }
        if (!got.targets().equals(want.targets())) {
            throw new TrainingInputException("config: the adapter's target_modules " + got.targets() + " differ from"
                    + " the bundle's " + want.targets());
        }
        if (got.rsLora() != want.rsLora()) {
            throw new TrainingInputException("config: the adapter's use_rslora " + got.rsLora() + " differs from the"
                    + " bundle's " + want.rsLora());
        }
    }

    private static String fileSha256(Path f) {
        MessageDigest d = BundleRows.sha256();
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
