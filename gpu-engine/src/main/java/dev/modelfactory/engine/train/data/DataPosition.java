package dev.modelfactory.engine.train.data;

/** Where a {@link BatchStream} stands: the next batch is batch {@code index} of epoch {@code epoch} (0-based). */
public record DataPosition(int epoch, int index) {

    public static final DataPosition START = new DataPosition(0, 0);

    public DataPosition {
        if (epoch < 0 || index < 0) {
            throw new IllegalArgumentException("data position: epoch and index must be >= 0, got " + epoch + ", " + index);
        }
    }
}
