package dev.modelfactory.app.starter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.models.ModelImporter;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.ImportMode;
import dev.modelfactory.ledger.store.ModelRecord;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Installs a built starter kit (a folder as {@link StarterBuild} writes it: {@value StarterBuild#MODEL} and
 * {@value StarterBuild#MANIFEST}) into a workspace. Installing twice changes nothing: the model is known by
 * its hash and existing datasets are left as they are.
 */
public final class StarterKit {

    /** The model's registered name. */
    public static final String MODEL_NAME = "modelfactory-starter";
    /** Split of every dataset that allows training (80 / 10 / 10); evaluation-only datasets are all test. */
    public static final SplitSpec SPLIT = new SplitSpec(0.8, 0.1, 0.1, 7);

    /** What an install registered. */
    public record Installed(String modelId, List<String> datasets) {
    }

    private final Workspace workspace;
    private final Path assets;

    public StarterKit(Workspace workspace, Path assets) {
        this.workspace = workspace;
        this.assets = assets;
    }

    /** True when the starter model is registered and every demo dataset exists. */
    public boolean isInstalled() throws IOException {
        if (workspace.models().list().stream().noneMatch(m -> m.name().equals(MODEL_NAME))) {
            return false;
        }
        DatasetStore ds = new DatasetStore(workspace);
        for (JsonNode d : manifest()) {
            if (ds.findByName(d.get("name").asText()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    public Installed install() throws IOException {
        ModelRecord model = ModelImporter.importModel(workspace, assets.resolve(StarterBuild.MODEL), ImportMode.COPY,
                Optional.of(MODEL_NAME), ProgressListener.NONE, CancellationToken.NONE);
        DatasetStore ds = new DatasetStore(workspace);
        List<String> names = new ArrayList<>();
        for (JsonNode d : manifest()) {
            String name = d.get("name").asText();
            names.add(name);
            if (ds.findByName(name).isPresent()) {
                continue;
            }
            Set<Use> uses = uses(d.get("uses"));
            long id = ds.create(name, d.path("description").asText("")).id();
            ds.importFile(id, assets.resolve(d.get("file").asText()), ImportOptions.builder().format(DatasetFormat.ALPACA)
                    .contributor(d.get("contributor").asText()).licence(d.get("licence").asText()).allowedUses(uses)
                    .build(), ProgressListener.NONE, CancellationToken.NONE);
            SplitSpec split = uses.contains(Use.TRAIN) ? SPLIT : new SplitSpec(0, 0, 1, SPLIT.seed());
            ds.freeze(id, new FreezeOptions("starter", split));
        }
        return new Installed(model.id(), names);
    }

    private List<JsonNode> manifest() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(assets.resolve(StarterBuild.MANIFEST)));
        List<JsonNode> out = new ArrayList<>();
        root.get("datasets").forEach(out::add);
        return out;
    }

    /** The manifest's use names (train, evaluate, commercial, attribution) as the ledger's uses. */
    static Set<Use> uses(JsonNode names) {
        Set<Use> out = EnumSet.noneOf(Use.class);
        for (JsonNode n : names) {
            out.add(switch (n.asText()) {
                case "train" -> Use.TRAIN;
                case "evaluate", "eval" -> Use.EVAL;
                case "commercial" -> Use.COMMERCIAL;
                case "attribution" -> Use.ATTRIBUTION_PUBLIC;
                default -> throw new IllegalArgumentException(StarterBuild.MANIFEST + ": unknown use '" + n.asText() + "'");
            });
        }
        return out;
    }
}
