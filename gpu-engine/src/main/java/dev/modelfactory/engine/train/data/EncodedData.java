package dev.modelfactory.engine.train.data;

import java.util.List;

/**
 * Examples ready for batching, with what encoding left out: {@code dropped} conversations were too long
 * under {@link TruncationPolicy#DROP} or had no response token left after truncation; {@code truncated}
 * ones were cut under {@link TruncationPolicy#KEEP_START}.
 */
public record EncodedData(List<TrainingExample> examples, int dropped, int truncated) {

    public EncodedData {
        examples = List.copyOf(examples);
    }

    public long lossTokens() {
        return examples.stream().mapToLong(TrainingExample::lossTokens).sum();
    }
}
