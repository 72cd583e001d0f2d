package dev.modelfactory.app.firstrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunTest {

    @TempDir
    Path dir;

    @Test
    void theWelcomeAppliesOnlyWhenNothingNamesAWorkspaceAndTheDefaultFolderIsEmpty() throws Exception {
        Path def = dir.resolve("share/modelfactory");
        assertThat(FirstRun.applies(Optional.empty(), Map.of(), def)).isTrue();
        Files.createDirectories(def);
        assertThat(FirstRun.applies(Optional.empty(), Map.of(), def)).isTrue();
        assertThat(FirstRun.applies(Optional.of(dir.resolve("x")), Map.of(), def)).isFalse();
        assertThat(FirstRun.applies(Optional.empty(), Map.of("MODELFACTORY_HOME", dir.toString()), def)).isFalse();
        assertThat(FirstRun.applies(Optional.empty(), Map.of("MODELFACTORY_HOME", " "), def)).isTrue();
        Files.writeString(def.resolve("workspace.mv.db"), "");
        assertThat(FirstRun.applies(Optional.empty(), Map.of(), def)).isFalse();
    }

    @Test
    void commandsUseTheCommandLineThenTheEnvironmentThenTheRememberedFolder() {
        RememberedWorkspace remembered = new RememberedWorkspace(dir.resolve("config/workspace.path"));
        assertThat(FirstRun.workspace(Optional.empty(), Map.of(), remembered)).isEmpty();
        remembered.write(dir.resolve("picked"));
        assertThat(FirstRun.workspace(Optional.empty(), Map.of(), remembered)).contains(dir.resolve("picked"));
        assertThat(FirstRun.workspace(Optional.of(Path.of("cli")), Map.of(), remembered)).contains(Path.of("cli"));
        assertThat(FirstRun.workspace(Optional.empty(), Map.of("MODELFACTORY_HOME", "/env"), remembered)).isEmpty();
    }

    @Test
    void theRememberedFolderRoundTripsAndUnusableContentIsIgnored() throws Exception {
        Path file = dir.resolve("config/workspace.path");
        RememberedWorkspace remembered = new RememberedWorkspace(file);
        assertThat(remembered.read()).isEmpty();
        remembered.write(dir.resolve("a/../b"));
        assertThat(remembered.read()).contains(dir.resolve("b"));
        remembered.write(dir.resolve("c"));
        assertThat(remembered.read()).contains(dir.resolve("c"));
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
        Files.writeString(file, "relative/folder\n");
        assertThat(remembered.read()).isEmpty();
        Files.writeString(file, "   \n");
        assertThat(remembered.read()).isEmpty();
        assertThatThrownBy(() -> remembered.write(Path.of("relative"))).isInstanceOf(IllegalArgumentException.class);
    }
}
