package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.Detection;
import java.util.List;
import java.util.Objects;

/**
 * What an import would read from a source.
 *
 * @param detection the format, the first parsed rows and the sampled rejects
 * @param columns   the header of a CSV/TSV file, in file order (for the column mapping); empty otherwise
 */
public record ImportPreview(Detection detection, List<String> columns) {

    public ImportPreview {
        Objects.requireNonNull(detection, "detection");
        columns = List.copyOf(columns);
    }
}
