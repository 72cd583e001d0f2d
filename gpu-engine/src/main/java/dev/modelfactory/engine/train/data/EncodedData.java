package dev.modelfactory.engine.train.data;

import java.util.List;

/**
 * Examples ready for batching, with what encoding left out: {@code dropped} conversations were too long
 * under {@link TruncationPolicy#DROP} or had no response token left after truncation; {@code truncated}
 * ones were cut under {@link TruncationPolicy#KEEP_START}.
 *
 * <p>{@code sources[i]} is the index, in the encoder's input list, of the conversation example {@code i}
 * came from: dropped conversations leave gaps, so this is how per-example results (losses, gradient
 * sketches) find their dataset row again.
 */
public record EncodedData(List<TrainingExample> examples, int[] sources, int dropped, int truncated) {

    public EncodedData {
        examples = List.copyOf(examples);
        sources = sources.clone();
        if (sources.length != examples.size()) {
            throw new IllegalArgumentException("sources: " + sources.length + " entries for " + examples.size()
                    + " examples");
        }
    }

    /** Examples that map one to one onto their input list (nothing dropped). */
    public EncodedData(List<TrainingExample> examples, int dropped, int truncated) {
        this(examples, java.util.stream.IntStream.range(0, examples.size()).toArray(), dropped, truncated);
    }

    /** A copy of the example-to-input index map. */
    @Override
    public int[] sources() {
        return sources.clone();
    }

    /** Index in the encoder's input list of the conversation example {@code example} came from. */
    public int source(int example) {
        return sources[example];
    }

    public long lossTokens() {
        return examples.stream().mapToLong(TrainingExample::lossTokens).sum();
    }
}
