package dev.modelfactory.app.training;

import java.util.Optional;

/**
 * {@code NAME[@VERSION]}: a dataset by name and optionally a frozen version by root or unique root prefix
 * (the latest version when absent).
 */
public record DatasetRef(String name, Optional<String> version) {

    public DatasetRef {
        if (name == null || name.isBlank()) {
            throw new TrainingInputException("dataset: a name is required (NAME or NAME@VERSION)");
        }
        name = name.strip();
        version = version.map(String::strip);
        if (version.isPresent() && version.get().isEmpty()) {
            throw new TrainingInputException("dataset: '" + name + "@' has an empty version");
        }
    }

    /** Parses {@code NAME} or {@code NAME@VERSION} (the last {@code @} separates them). */
    public static DatasetRef parse(String text) {
        if (text == null) {
            throw new TrainingInputException("dataset: a name is required (NAME or NAME@VERSION)");
        }
        int at = text.lastIndexOf('@');
        return at < 0 ? new DatasetRef(text, Optional.empty())
                : new DatasetRef(text.substring(0, at), Optional.of(text.substring(at + 1)));
    }

    @Override
    public String toString() {
        return name + version.map(v -> "@" + v).orElse("");
    }
}
