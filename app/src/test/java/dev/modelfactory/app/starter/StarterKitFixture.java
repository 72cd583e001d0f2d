package dev.modelfactory.app.starter;

import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.starter.Skill;
import dev.modelfactory.engine.starter.SkillItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A tiny starter kit (the test model and one 20-row dataset "alpha") for tests outside this package. */
public final class StarterKitFixture {

    private StarterKitFixture() {
    }

    /** Writes the kit into {@code dir/kit} and returns that folder. */
    public static Path tinyKit(Path dir) throws IOException {
        Path kit = Files.createDirectories(dir.resolve("kit"));
        Files.copy(TrainingTestData.tinyModel(dir), kit.resolve(StarterBuild.MODEL));
        Files.createDirectories(kit.resolve("datasets"));
        List<SkillItem> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(new SkillItem("Say alpha.", Integer.toString(i), "alpha " + i));
        }
        StarterBuild.writeDatasets(kit, List.of(new Skill("alpha", "demo alpha", "Ada", "CC-BY-4.0",
                Set.of("train", "evaluate"), items)));
        return kit;
    }
}
