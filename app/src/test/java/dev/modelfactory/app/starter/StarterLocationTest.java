package dev.modelfactory.app.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterLocationTest {

    @TempDir
    Path dir;

    private Path kit(String name) throws Exception {
        Path k = Files.createDirectories(dir.resolve(name));
        Files.writeString(k.resolve(StarterBuild.MANIFEST), "{\"datasets\":[]}");
        return k;
    }

    @Test
    void thePropertyWinsOverTheEnvironmentTheLauncherAndTheWorkingFolder() throws Exception {
        Path image = kit("image/lib/app/starter");
        Path env = kit("env");
        Path checkout = kit("checkout/assets/starter");
        assertThat(StarterLocation.find(image.toString(), Map.of(StarterLocation.ENV, env.toString()),
                dir.resolve("checkout/modelfactory").toString(), dir.resolve("checkout"))).contains(image);
        assertThat(StarterLocation.find(null, Map.of(StarterLocation.ENV, env.toString()),
                dir.resolve("checkout/modelfactory").toString(), dir)).contains(env);
        assertThat(StarterLocation.find(null, Map.of(), dir.resolve("checkout/modelfactory").toString(), dir))
                .contains(checkout);
        assertThat(StarterLocation.find(null, Map.of(), null, dir.resolve("checkout"))).contains(checkout);
    }

    @Test
    void aFolderWithoutTheManifestIsSkippedAndNothingFoundIsEmpty() throws Exception {
        Path stale = Files.createDirectories(dir.resolve("stale"));
        Path checkout = kit("checkout/assets/starter");
        assertThat(StarterLocation.find(stale.toString(), Map.of(StarterLocation.ENV, "  "), null,
                dir.resolve("checkout"))).contains(checkout);
        assertThat(StarterLocation.find(stale.toString(), Map.of(), null, dir)).isEmpty();
        assertThat(StarterLocation.find("", Map.of(), "", dir)).isEmpty();
    }
}
