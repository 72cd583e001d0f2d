package dev.modelfactory.studio.finetune;

import java.nio.file.Path;
import java.util.List;

/**
 * A written job bundle, as the dialog reports it.
 *
 * @param unmapped studio fields the trainer cannot express, one line each ("truncation = drop: ...")
 * @param warnings what to check before launching
 * @param launch   the one-node launch command, run from the bundle folder
 */
public record BundleResult(Path folder, long trainRows, long validationRows, long excludedRows, List<String> unmapped,
        List<String> warnings, String launch) {

    public BundleResult {
        unmapped = List.copyOf(unmapped);
        warnings = List.copyOf(warnings);
    }

    /** The report shown in the dialog. */
    public String summary() {
        StringBuilder b = new StringBuilder("Bundle written to ").append(folder).append('\n')
                .append(trainRows).append(" training rows, ").append(validationRows).append(" validation rows; ")
                .append(excludedRows).append(" rows left out because their contributor does not allow training.\n");
        if (!unmapped.isEmpty()) {
            b.append("\nNot expressible in this trainer:\n");
            unmapped.forEach(u -> b.append("  \u2022 ").append(u).append('\n'));
        }
        if (!warnings.isEmpty()) {
            b.append("\nBefore launching:\n");
            warnings.forEach(w -> b.append("  \u2022 ").append(w).append('\n'));
        }
        b.append("\nLaunch from the bundle folder:\n  ").append(launch).append('\n');
        return b.toString();
    }
}
