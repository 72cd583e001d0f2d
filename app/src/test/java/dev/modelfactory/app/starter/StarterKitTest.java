package dev.modelfactory.app.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.starter.Skill;
import dev.modelfactory.engine.starter.SkillItem;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterKitTest {

    @TempDir
    Path dir;

    private static Skill skill(String name, String contributor, String licence, Set<String> uses, int n) {
        List<SkillItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new SkillItem("Say " + name + ".", Integer.toString(i), name + " " + i));
        }
        return new Skill(name, "demo " + name, contributor, licence, uses, items);
    }

    @Test
    void installRegistersTheModelAndImportsEachDatasetWithItsContributorLicenceAndPermissions() throws Exception {
        Path kit = Files.createDirectories(dir.resolve("kit"));
        Files.copy(TrainingTestData.tinyModel(dir), kit.resolve(StarterBuild.MODEL));
        Files.createDirectories(kit.resolve("datasets"));
        StarterBuild.writeDatasets(kit, List.of(skill("alpha", "Ada", "CC-BY-4.0", Set.of("train", "evaluate"), 40),
                skill("beta", "Eve", "LicenseRef-eval", Set.of("evaluate"), 10)));
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            StarterKit k = new StarterKit(ws, kit);
            assertThat(k.isInstalled()).isFalse();
            StarterKit.Installed i = k.install();
            assertThat(i.datasets()).containsExactly("alpha", "beta");
            assertThat(k.isInstalled()).isTrue();
            assertThat(ws.models().get(i.modelId()).orElseThrow().name()).isEqualTo(StarterKit.MODEL_NAME);
            DatasetStore ds = new DatasetStore(ws);
            DatasetVersion alpha = ds.versions(ds.findByName("alpha").orElseThrow().id()).getLast();
            List<DatasetRow> rows = ds.versionRows(alpha, null, 0, 100);
            assertThat(rows).hasSize(40).allSatisfy(r -> {
                assertThat(r.contributor()).isEqualTo("Ada");
                assertThat(r.licence()).isEqualTo("CC-BY-4.0");
                assertThat(r.allowedUses()).containsExactlyInAnyOrder(Use.TRAIN, Use.EVAL);
            });
            assertThat(rows).anyMatch(r -> r.split() == Split.TEST).anyMatch(r -> r.split() == Split.TRAIN);
            DatasetVersion beta = ds.versions(ds.findByName("beta").orElseThrow().id()).getLast();
            assertThat(ds.versionRows(beta, null, 0, 100)).hasSize(10).allSatisfy(r -> {
                assertThat(r.split()).isEqualTo(Split.TEST);
                assertThat(r.allowedUses()).containsExactly(Use.EVAL);
            });
            StarterKit.Installed again = k.install();
            assertThat(again.modelId()).isEqualTo(i.modelId());
            assertThat(ds.versions(ds.findByName("alpha").orElseThrow().id())).hasSize(1);
        }
    }
}
