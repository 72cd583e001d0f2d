package dev.modelfactory.studio.welcome;

import dev.modelfactory.studio.StudioContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the first-run welcome needs from the app, as values and two callbacks (the welcome never reaches into
 * the ledger or the engine itself). Build with {@link #builder()}.
 *
 * @param suggestedWorkspace the folder offered for the workspace (the platform's per-user default)
 * @param starterKit         a line describing the bundled starter kit, or null when none was found
 * @param detector           finds local models; runs off the FX thread
 * @param opener             opens the chosen workspace (and installs the kit when asked); runs off the FX thread
 */
public record Welcome(Path suggestedWorkspace, String starterKit, ModelDetector detector, Opener opener) {

    /** Finds models already on this computer (Ollama, Hugging Face cache, LM Studio, ...). */
    @FunctionalInterface
    public interface ModelDetector {
        List<DetectedModel> detect() throws Exception;
    }

    /** Opens the workspace the user chose and returns the studio's context for it. */
    @FunctionalInterface
    public interface Opener {
        /**
         * @param choice   the user's choice
         * @param progress receives one line per step ("Opening ...", "Installing the starter kit ...")
         * @throws Exception when the workspace cannot be opened; its message is shown on the welcome
         */
        StudioContext open(WelcomeChoice choice, Consumer<String> progress) throws Exception;
    }

    public Welcome {
        Objects.requireNonNull(suggestedWorkspace, "suggestedWorkspace");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(opener, "opener");
    }

    /** True when a starter kit was found and can be offered. */
    public boolean starterKitAvailable() {
        return starterKit != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Welcome}; everything but the starter kit is required. */
    public static final class Builder {
        private Path suggestedWorkspace;
        private String starterKit;
        private ModelDetector detector;
        private Opener opener;

        private Builder() {
        }

        public Builder suggestedWorkspace(Path folder) {
            this.suggestedWorkspace = folder;
            return this;
        }

        /** A line describing the kit ("a 2.2 MB model and 4 demo datasets"); null when there is none. */
        public Builder starterKit(String description) {
            this.starterKit = description;
            return this;
        }

        public Builder detector(ModelDetector value) {
            this.detector = value;
            return this;
        }

        public Builder opener(Opener value) {
            this.opener = value;
            return this;
        }

        public Welcome build() {
            return new Welcome(suggestedWorkspace, starterKit, detector, opener);
        }
    }
}
