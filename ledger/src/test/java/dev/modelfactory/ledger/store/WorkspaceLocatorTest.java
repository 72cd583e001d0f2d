package dev.modelfactory.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkspaceLocatorTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void commandLineWinsOverEverything() {
        var loc = WorkspaceLocator.locate(Optional.of(Path.of("/data/ws")),
                Map.of("MODELFACTORY_HOME", "/env/ws", "XDG_DATA_HOME", "/xdg"), "Linux", HOME);
        assertThat(loc).isEqualTo(new WorkspaceLocation(Path.of("/data/ws"), WorkspaceSource.COMMAND_LINE));
    }

    @Test
    void environmentWinsOverThePlatformDefault() {
        var loc = WorkspaceLocator.locate(Optional.empty(),
                Map.of("MODELFACTORY_HOME", "/env/ws", "XDG_DATA_HOME", "/xdg"), "Linux", HOME);
        assertThat(loc).isEqualTo(new WorkspaceLocation(Path.of("/env/ws"), WorkspaceSource.ENVIRONMENT));
        assertThat(loc.describe()).isEqualTo("/env/ws (from MODELFACTORY_HOME environment variable)");
    }

    @Test
    void blankEnvironmentCountsAsUnset() {
        var loc = WorkspaceLocator.locate(Optional.empty(), Map.of("MODELFACTORY_HOME", "  "), "Linux", HOME);
        assertThat(loc.source()).isEqualTo(WorkspaceSource.PLATFORM_DEFAULT);
    }

    @Test
    void linuxUsesXdgDataHomeElseLocalShare() {
        assertThat(WorkspaceLocator.locate(Optional.empty(), Map.of("XDG_DATA_HOME", "/xdg"), "Linux", HOME))
                .isEqualTo(new WorkspaceLocation(Path.of("/xdg/modelfactory"), WorkspaceSource.PLATFORM_DEFAULT));
        assertThat(WorkspaceLocator.locate(Optional.empty(), Map.of(), "Linux", HOME).folder())
                .isEqualTo(Path.of("/home/ada/.local/share/modelfactory"));
        assertThat(WorkspaceLocator.locate(Optional.empty(), Map.of("XDG_DATA_HOME", "relative/x"), "Linux", HOME)
                .folder()).as("relative XDG_DATA_HOME is invalid per the spec")
                .isEqualTo(Path.of("/home/ada/.local/share/modelfactory"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(WorkspaceLocator.locate(Optional.empty(), Map.of("XDG_DATA_HOME", "/xdg"), "Mac OS X", HOME)
                .folder()).isEqualTo(Path.of("/home/ada/Library/Application Support/ModelFactory"));
    }

    @Test
    void windowsUsesAppDataElseRoamingUnderHome() {
        assertThat(WorkspaceLocator.locate(Optional.empty(), Map.of("APPDATA", "/c/Users/ada/AppData/Roaming"),
                "Windows 11", HOME).folder()).isEqualTo(Path.of("/c/Users/ada/AppData/Roaming/ModelFactory"));
        assertThat(WorkspaceLocator.locate(Optional.empty(), Map.of(), "Windows 10", HOME).folder())
                .isEqualTo(Path.of("/home/ada/AppData/Roaming/ModelFactory"));
    }

    @Test
    void expandsTildeAndNormalizes() {
        assertThat(WorkspaceLocator.locate(Optional.of(Path.of("~/ws/../work")), Map.of(), "Linux", HOME).folder())
                .isEqualTo(Path.of("/home/ada/work"));
        assertThat(WorkspaceLocator.locate(Optional.empty(), Map.of("MODELFACTORY_HOME", "~"), "Linux", HOME)
                .folder()).isEqualTo(HOME);
    }

    @Test
    void relativePathsBecomeAbsolute() {
        assertThat(WorkspaceLocator.locate(Optional.of(Path.of("ws")), Map.of(), "Linux", HOME).folder())
                .isAbsolute().endsWithRaw(Path.of("ws"));
    }

    @Test
    void convenienceFormReadsThisProcess() {
        var loc = WorkspaceLocator.locate(Optional.of(Path.of("/tmp/x")));
        assertThat(loc.source()).isEqualTo(WorkspaceSource.COMMAND_LINE);
        assertThat(WorkspaceLocator.locate(Optional.empty()).folder()).isAbsolute();
    }
}
