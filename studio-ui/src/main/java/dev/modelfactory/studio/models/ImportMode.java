package dev.modelfactory.studio.models;

/** What importing does with the model's files. */
public enum ImportMode {
    /** Copy the files into the workspace: the workspace keeps working if the original goes away. */
    COPY("Copy into workspace"),
    /** Register the files where they are: no extra disk space, but moving them breaks the model. */
    REFERENCE("Reference in place");

    private final String label;

    ImportMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
