package dev.modelfactory.studio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the studio shell needs from the app, as plain values: the shell never reaches into the engine
 * or the ledger itself. Build with {@link #builder()}.
 *
 * @param appVersion       the studio's version, shown in the sidebar and on Settings
 * @param workspaceFolder  the open workspace folder, as the user should read it
 * @param schemaVersion    the workspace's database schema version
 * @param computeDevice    one line describing where work runs, e.g. "CPU: Intel Xeon · 2 threads · AVX-512"
 * @param preferencesFile  the UI preferences file (theme, window geometry); created on first save
 * @param extraPages       further pages, listed in order between Home and Tasks
 */
public record StudioContext(String appVersion, String workspaceFolder, String schemaVersion, String computeDevice,
                            Path preferencesFile, List<PageFactory> extraPages) {

    public StudioContext {
        Objects.requireNonNull(appVersion, "appVersion");
        Objects.requireNonNull(workspaceFolder, "workspaceFolder");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(computeDevice, "computeDevice");
        Objects.requireNonNull(preferencesFile, "preferencesFile");
        extraPages = List.copyOf(extraPages);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link StudioContext}; every value except the extra pages is required. */
    public static final class Builder {
        private String appVersion;
        private String workspaceFolder;
        private String schemaVersion;
        private String computeDevice;
        private Path preferencesFile;
        private final List<PageFactory> extraPages = new ArrayList<>();

        private Builder() {
        }

        public Builder appVersion(String version) {
            this.appVersion = version;
            return this;
        }

        public Builder workspace(String folder, String schema) {
            this.workspaceFolder = folder;
            this.schemaVersion = schema;
            return this;
        }

        public Builder computeDevice(String description) {
            this.computeDevice = description;
            return this;
        }

        public Builder preferencesFile(Path file) {
            this.preferencesFile = file;
            return this;
        }

        /** Adds a page after those added before. */
        public Builder addPage(PageFactory page) {
            extraPages.add(Objects.requireNonNull(page, "page"));
            return this;
        }

        public StudioContext build() {
            return new StudioContext(appVersion, workspaceFolder, schemaVersion, computeDevice, preferencesFile,
                    extraPages);
        }
    }
}
