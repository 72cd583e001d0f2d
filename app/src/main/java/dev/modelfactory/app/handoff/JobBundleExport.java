package dev.modelfactory.app.handoff;

import dev.modelfactory.app.training.TrainingRefs;

import dev.modelfactory.app.cli.VersionProvider;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a job bundle (layout in docs/handoff.md). Atomic: everything is written into a hidden temp folder
 * beside the target, which is renamed to the target only when complete; a failure or cancel removes the
 * temp folder, so a bundle folder is either whole or absent.
 */
public final class JobBundleExport {

    private final Workspace workspace;
    private final DatasetStore datasets;

    public JobBundleExport(Workspace workspace) {
        this.workspace = workspace;
        this.datasets = new DatasetStore(workspace);
    }

    public BundleSummary export(BundleRequest request, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        Path target = request.out().toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new TrainingInputException("out: " + target + " already exists; choose a new folder");
        }
        ModelRecord model = TrainingRefs.model(workspace, request.model());
        DatasetInfo ds = TrainingRefs.dataset(datasets, workspace, request.dataset());
        DatasetVersion version = TrainingRefs.version(datasets, ds, request.dataset());
        boolean modelTemplate;
        try (ModelFiles files = ModelFiles.open(model.location())) {
            modelTemplate = files.template().isPresent();
        } catch (ModelFormatException e) {
            throw new TrainingInputException("model: " + e.getMessage(), e);
        }
        List<String> warnings = new ArrayList<>();
        String trainerModel = request.trainerModel();
        if (trainerModel == null) {
            trainerModel = model.location().toString();
            warnings.add("model_name_or_path/base_model is this workstation's path " + trainerModel
                    + "; edit it (or export with --trainer-model) if the cluster sees the model elsewhere");
        }
        if (!Files.isDirectory(model.location()) && request.trainerModel() == null) {
            warnings.add("the base model is a " + model.format() + " file: LLaMA-Factory and Axolotl load Hugging Face"
                    + " folders; give the same model's Hugging Face folder or hub id with --trainer-model");
        }

        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        boolean done = false;
        try {
            Path data = Files.createDirectories(temp.resolve(TrainerConfigs.DATA_DIR));
            BundleRows.Counts counts = BundleRows.write(datasets, version, request.format(), data, progress, cancel);
            if (counts.train() == 0) {
                throw new TrainingInputException("dataset: " + ds.name() + "@" + version.shortRoot() + " has no row to"
                        + " train on (" + counts.excluded() + " rows not allowed for training, " + counts.testHeldOut()
                        + " in the test split, " + counts.noAssistantTurn() + " without an assistant turn, "
                        + counts.skippedByFormat() + " the " + request.format().displayName() + " format cannot express)");
            }
            boolean hasValidation = counts.validation() > 0;
            TrainingConfig c = request.config();
            TrainerConfig tc = TrainerConfigs.of(request.format(), c, trainerModel, modelTemplate, hasValidation);
            if (request.format() == TrainerFormat.LLAMAFACTORY) {
                Files.writeString(data.resolve("dataset_info.json"), BundleFiles.datasetInfo(hasValidation));
            }
            String yaml = "# " + request.format().displayName() + " config exported by ModelFactory Studio from config "
                    + c.sha256() + "\n" + BundleFiles.yaml(tc.keys());
            Files.writeString(temp.resolve(request.format().configFile()), yaml);
            Provenance p = new Provenance(1, request.format().cliName(), request.format().configFile(), sha256(yaml),
                    "ModelFactory Studio " + VersionProvider.version(), VersionProvider.version(),
                    new Provenance.Dataset(ds.name(), version.root(), version.rowCount(), counts.train(),
                            counts.validation(), counts.testHeldOut(), counts.excluded(), counts.excludedBy(),
                            counts.noAssistantTurn(), counts.skippedByFormat(), counts.skipReasons(), counts.sha256()),
                    counts.contributors(), new Provenance.BaseModel(model.id(), model.name(), trainerModel),
                    new Provenance.Config(c.canonicalJson(), c.sha256()), tc.unmapped(), warnings);
            Files.writeString(temp.resolve(Provenance.FILE), p.toJson());
            Files.writeString(temp.resolve("README.md"), BundleReadme.text(request.format(), p));
            cancel.throwIfCancellationRequested();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot write " + target + ": its file system cannot rename atomically", e);
            }
            done = true;
            return new BundleSummary(target, p, BundleReadme.launch(request.format()));
        } finally {
            if (!done) {
                BundleFiles.deleteTree(temp);
            }
        }
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(BundleRows.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
