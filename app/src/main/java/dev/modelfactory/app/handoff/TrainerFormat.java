package dev.modelfactory.app.handoff;

import dev.modelfactory.app.training.TrainingInputException;
import java.util.Locale;

/** The distributed trainers a job bundle can be written for. */
public enum TrainerFormat {
    /** LLaMA-Factory ({@code llamafactory-cli train}): dataset_info.json + ShareGPT JSONL. */
    LLAMAFACTORY("llamafactory", "LLaMA-Factory", "llamafactory.yaml"),
    /** Axolotl ({@code axolotl train} / {@code accelerate launch -m axolotl.cli.train}): chat_template JSONL. */
    AXOLOTL("axolotl", "Axolotl", "axolotl.yaml");

    private final String cliName;
    private final String displayName;
    private final String configFile;

    TrainerFormat(String cliName, String displayName, String configFile) {
        this.cliName = cliName;
        this.displayName = displayName;
        this.configFile = configFile;
    }

    public String cliName() {
        return cliName;
    }

    public String displayName() {
        return displayName;
    }

    /** The trainer config's file name inside the bundle. */
    public String configFile() {
        return configFile;
    }

    /** {@code llamafactory} or {@code axolotl} (case-insensitive; {@code llama-factory} too). */
    public static TrainerFormat parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (TrainerFormat f : values()) {
            if (f.cliName.equals(t)) {
                return f;
            }
        }
        throw new TrainingInputException("format: '" + text + "' is not a trainer; expected llamafactory or axolotl");
    }
}
