package dev.modelfactory.ledger.dataset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FormatDetector} concluded about a file.
 *
 * @param format      the best format, or empty if no format read any sampled record
 * @param confidence  share of sampled records the format read as rows, 0..1
 * @param sampled     records sampled (rows plus rejects) with that format
 * @param preview     the first rows parsed with that format, for the import preview
 * @param rejects     the sampled records that format rejected, with their lines and reasons
 * @param explanation one line for the user, e.g. {@code "20 of 20 sampled records read as sharegpt"}
 */
public record Detection(Optional<DatasetFormat> format, double confidence, int sampled, List<ParsedRow> preview,
                        List<RejectedRow> rejects, String explanation) {

    public Detection {
        Objects.requireNonNull(format, "format");
        preview = List.copyOf(preview);
        rejects = List.copyOf(rejects);
        Objects.requireNonNull(explanation, "explanation");
    }
}
