package dev.modelfactory.engine.train.data;

import dev.modelfactory.engine.train.TrainingBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Examples to {@link TrainingBatch}es, epoch after epoch, reproducibly: an epoch's order is a Fisher-Yates
 * shuffle seeded by {@code (seed, epoch)} alone, so {@link #seek} to a saved {@link DataPosition} continues
 * with exactly the batches an uninterrupted run would have seen.
 *
 * <p>With packing, examples are laid into rows greedily in that order: an example goes into the current row
 * if it fits, else it starts a new row, so an example never crosses rows. Within a row each example has
 * positions 0.. and its own segment id (0, 1, ...); padding is token {@code padId}, target IGNORE, position
 * 0, segment -1. Without packing each row holds one example. The last batch of an epoch may have fewer
 * rows; a batch never spans two epochs.
 */
public final class BatchStream {

    private final List<TrainingExample> examples;
    private final int rows;
    private final int seqLen;
    private final boolean pack;
    private final boolean shuffle;
    private final long seed;
    private final int padId;
    private int epoch;
    private int index;
    private int plannedEpoch = -1;
    private List<int[]> plannedRows;
    private int[][] lastRows = new int[0][];

    public BatchStream(List<TrainingExample> examples, int rows, int seqLen, boolean pack, boolean shuffle, long seed,
            int padId) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("examples: none to train on");
        }
        if (rows < 1 || seqLen < 2) {
            throw new IllegalArgumentException("batch rows must be >= 1 and seqLen >= 2, got " + rows + ", " + seqLen);
        }
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).length() > seqLen) {
                throw new IllegalArgumentException("examples[" + i + "]: " + examples.get(i).length()
                        + " tokens do not fit seqLen " + seqLen);
            }
        }
        this.examples = List.copyOf(examples);
        this.rows = rows;
        this.seqLen = seqLen;
        this.pack = pack;
        this.shuffle = shuffle;
        this.seed = seed;
        this.padId = padId;
    }

    public DataPosition position() {
        return new DataPosition(epoch, index);
    }

    public void seek(DataPosition p) {
        if (p.index() > batchesInEpoch(p.epoch())) {
            throw new IllegalArgumentException("data position " + p + ": epoch " + p.epoch() + " has only "
                    + batchesInEpoch(p.epoch()) + " batches");
        }
        epoch = p.epoch();
        index = p.index();
        normalise();
    }

    /** Batches in an epoch (varies with the shuffle when packing). */
    public int batchesInEpoch(int e) {
        return (plan(e).size() + rows - 1) / rows;
    }

    /** The batch at the current position; the position then moves on (to the next epoch after its last). */
    public TrainingBatch next() {
        List<int[]> plan = plan(epoch);
        int from = index * rows;
        int n = Math.min(rows, plan.size() - from);
        int[] tokens = new int[n * seqLen];
        int[] targets = new int[n * seqLen];
        int[] positions = new int[n * seqLen];
        int[] segments = new int[n * seqLen];
        Arrays.fill(tokens, padId);
        Arrays.fill(targets, TrainingBatch.IGNORE);
        Arrays.fill(segments, -1);
        for (int r = 0; r < n; r++) {
            int at = r * seqLen;
            int segment = 0;
            for (int ex : plan.get(from + r)) {
                TrainingExample e = examples.get(ex);
                for (int i = 0; i < e.length(); i++) {
                    tokens[at + i] = e.token(i);
                    positions[at + i] = i;
                    segments[at + i] = segment;
                    targets[at + i] = i + 1 < e.length() && e.isResponse(i + 1) ? e.token(i + 1) : TrainingBatch.IGNORE;
                }
                at += e.length();
                segment++;
            }
        }
        lastRows = new int[n][];
        for (int r = 0; r < n; r++) {
            lastRows[r] = plan.get(from + r).clone();
        }
        index++;
        normalise();
        return new TrainingBatch(n, seqLen, tokens, targets, positions, segments);
    }

    /**
     * The examples of the batch {@link #next()} returned last: for each of its rows, the indices (in this
     * stream's example list) of the examples it holds, in segment order (segment s of row r is example
     * {@code lastRows()[r][s]}). Empty before the first batch.
     */
    public int[][] lastRows() {
        int[][] out = new int[lastRows.length][];
        for (int r = 0; r < out.length; r++) {
            out[r] = lastRows[r].clone();
        }
        return out;
    }

    /** True when the next batch is the first of an epoch. */
    public boolean atEpochStart() {
        return index == 0;
    }

    private void normalise() {
        if (index >= batchesInEpoch(epoch)) {
            epoch++;
            index = 0;
        }
    }

    /** Rows of the epoch, each the example indices it holds, in order. */
    List<int[]> plan(int e) {
        if (e != plannedEpoch) {
            plannedRows = layout(order(e));
            plannedEpoch = e;
        }
        return plannedRows;
    }

    int[] order(int e) {
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (e + 1L)));
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    private List<int[]> layout(int[] order) {
        List<int[]> out = new ArrayList<>();
        List<Integer> row = new ArrayList<>();
        int used = 0;
        for (int ex : order) {
            int len = examples.get(ex).length();
            if (!row.isEmpty() && (!pack || used + len > seqLen)) {
                out.add(row.stream().mapToInt(Integer::intValue).toArray());
                row.clear();
                used = 0;
            }
            row.add(ex);
            used += len;
        }
        out.add(row.stream().mapToInt(Integer::intValue).toArray());
        return out;
    }
}
