package dev.modelfactory.engine.train.llama;

import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainableModel;
import dev.modelfactory.engine.train.TrainingBatch;
import dev.modelfactory.engine.train.layer.CrossEntropy;
import dev.modelfactory.engine.train.layer.Embedding;
import dev.modelfactory.engine.train.layer.Gemm;
import dev.modelfactory.engine.train.layer.RmsNorm;
import dev.modelfactory.engine.train.layer.Rope;
import dev.modelfactory.engine.train.layer.TrainPool;
import java.util.List;

/**
 * A Llama-family decoder that trains: LoRA adapters on a frozen base, or every weight (full fine-tuning, also
 * training from scratch). Built by {@link TrainableLlamaBuilder}; its {@link #parameters()} are the LoRA A/B
 * matrices under PEFT keys, or every weight under its GGUF name ({@link WeightNames}).
 *
 * <p>A step runs the blocks forward over all M = B·T tokens keeping each block's activations, then the final
 * norm, then the output projection and cross-entropy only on the rows that carry a loss, in chunks of
 * {@link #LOGIT_ROWS} rows so the [rows, V] logits never exist for the whole batch; backward walks the blocks
 * in reverse with one gradient array [M, C] for the residual stream. Not thread-safe: one step at a time.
 */
public final class TrainableLlama implements TrainableModel, AutoCloseable {

    /** Rows of logits computed at once: bounds the [rows, V] buffer (V = 32000: 32 MB at 256 rows). */
    static final int LOGIT_ROWS = 256;

    private final LlamaConfig config;
    private final LoraConfig lora;
    private final TrainPool pool;
    private final Rope rope;
    private final float[] embedding;
    private final float[] embeddingGrad;
    private final List<LlamaBlock> blocks;
    private final float[] outputNorm;
    private final float[] outputNormGrad;
    private final float[] output;
    private final float[] outputGrad;
    /** A frozen output projection packed for the logits (Wᵀ) and their gradient (W); null when trained. */
    private final Gemm.Packed outputT;
    private final Gemm.Packed outputPlain;
    private final List<Parameter> parameters;

    TrainableLlama(LlamaConfig config, LoraConfig lora, TrainPool pool, float[] embedding, float[] embeddingGrad,
            List<LlamaBlock> blocks, float[] outputNorm, float[] outputNormGrad, float[] output, float[] outputGrad,
            List<Parameter> parameters) {
        this.config = config;
        this.lora = lora;
        this.pool = pool;
        this.rope = new Rope(config.ropeSpec(), config.headDim(), config.maxSeqLen());
        this.embedding = embedding;
        this.embeddingGrad = embeddingGrad;
        this.blocks = blocks;
        this.outputNorm = outputNorm;
        this.outputNormGrad = outputNormGrad;
        this.output = output;
        this.outputGrad = outputGrad;
        this.outputT = outputGrad == null ? Gemm.packTransposed(output, config.vocabSize(), config.dim()) : null;
        this.outputPlain = outputGrad == null ? Gemm.packPlain(output, config.vocabSize(), config.dim()) : null;
        this.parameters = List.copyOf(parameters);
    }

    /** Starts a model over {@code weights} (read, shape-checked and copied at build). */
    public static TrainableLlamaBuilder builder(LlamaConfig config, ModelWeights weights) {
        return new TrainableLlamaBuilder(config, weights);
    }

    public LlamaConfig config() {
        return config;
    }

    /** The adapter configuration, or null under full fine-tuning. */
    public LoraConfig loraConfig() {
        return lora;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public double forwardBackward(TrainingBatch batch, long dropoutSeed) {
        return run(batch, dropoutSeed, true, null);
    }

    @Override
    public double loss(TrainingBatch batch) {
        return run(batch, null, false, null);
    }

    @Override
    public double forwardBackward(TrainingBatch batch, long dropoutSeed, double[] tokenLosses) {
        return run(batch, dropoutSeed, true, checkLosses(batch, tokenLosses));
    }

    @Override
    public double loss(TrainingBatch batch, double[] tokenLosses) {
        return run(batch, null, false, checkLosses(batch, tokenLosses));
    }

    private static double[] checkLosses(TrainingBatch batch, double[] tokenLosses) {
        if (tokenLosses.length != batch.batch() * batch.seqLen()) {
            throw new IllegalArgumentException("tokenLosses: expected " + batch.batch() * batch.seqLen()
                    + " entries, got " + tokenLosses.length);
        }
        java.util.Arrays.fill(tokenLosses, 0);
        return tokenLosses;
    }

    /**
     * The model's current weights under their GGUF names (copies): the trained ones under full fine-tuning, the
     * untouched frozen base under LoRA.
     */
    public InMemoryWeights weights() {
        LlamaConfig c = config;
        InMemoryWeights w = new InMemoryWeights();
        w.put(WeightNames.TOKEN_EMBD, embedding.clone(), c.vocabSize(), c.dim());
        for (int l = 0; l < blocks.size(); l++) {
            LlamaBlock b = blocks.get(l);
            w.put(WeightNames.attnNorm(l), b.attnNorm.clone(), c.dim());
            w.put(WeightNames.attnQ(l), b.wq.weight(), c.dim(), c.dim());
            w.put(WeightNames.attnK(l), b.wk.weight(), c.kvDim(), c.dim());
            w.put(WeightNames.attnV(l), b.wv.weight(), c.kvDim(), c.dim());
            w.put(WeightNames.attnOutput(l), b.wo.weight(), c.dim(), c.dim());
            if (c.qkvBias()) {
                w.put(WeightNames.attnQBias(l), b.wq.bias().clone(), c.dim());
                w.put(WeightNames.attnKBias(l), b.wk.bias().clone(), c.kvDim());
                w.put(WeightNames.attnVBias(l), b.wv.bias().clone(), c.kvDim());
            }
            w.put(WeightNames.ffnNorm(l), b.ffnNorm.clone(), c.dim());
            w.put(WeightNames.ffnGate(l), b.gate.weight(), c.hiddenDim(), c.dim());
            w.put(WeightNames.ffnUp(l), b.up.weight(), c.hiddenDim(), c.dim());
            w.put(WeightNames.ffnDown(l), b.down.weight(), c.dim(), c.hiddenDim());
        }
        w.put(WeightNames.OUTPUT_NORM, outputNorm.clone(), c.dim());
        if (!c.tiedOutput()) {
            w.put(WeightNames.OUTPUT, output.clone(), c.vocabSize(), c.dim());
        }
        return w;
    }

    /** Logits [B·T, V] of every token of the batch (no dropout, no gradients): for evaluation and tests. */
    public float[] logits(TrainingBatch tb) {
        int rows = tb.batch() * tb.seqLen();
        int dim = config.dim();
        float[] last = blocksForward(tb, null);
        float[] normed = new float[rows * dim];
        RmsNorm.forward(pool, last, outputNorm, config.rmsEps(), normed, new float[rows], rows, dim);
        float[] logits = new float[rows * config.vocabSize()];
        Gemm.xwT(pool, normed, output, logits, rows, dim, config.vocabSize(), false);
        return logits;
    }

    /** Embedding and blocks; returns the last block's output [M, C]. */
    private float[] blocksForward(TrainingBatch tb, Long dropoutSeed) {
        Batch batch = Batch.of(tb);
        int rows = batch.rows();
        int dim = config.dim();
        float[] x = new float[rows * dim];
        Embedding.forward(embedding, config.vocabSize(), tb.tokens(), x, dim);
        for (LlamaBlock block : blocks) {
            float[] y = new float[rows * dim];
            block.forward(pool, rope, x, y, batch, dropoutSeed);
            x = y;
        }
        return x;
    }

    /** One step; {@code tokenLosses} (null: not wanted) receives each loss row's loss at its position. */
    private double run(TrainingBatch tb, Long dropoutSeed, boolean gradient, double[] tokenLosses) {
        LlamaConfig c = config;
        Batch batch = Batch.of(tb);
        int rows = batch.rows();
        int dim = c.dim();
        float[] last = blocksForward(tb, dropoutSeed);
        float[] normed = new float[rows * dim];
        float[] rms = new float[rows];
        RmsNorm.forward(pool, last, outputNorm, c.rmsEps(), normed, rms, rows, dim);

        int[] lossRows = lossRows(tb.targets());
        int n = lossRows.length;
        float[] h = new float[n * dim];
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(normed, lossRows[i] * dim, h, i * dim, dim);
            targets[i] = tb.targets()[lossRows[i]];
        }
        float[] dh = gradient ? new float[n * dim] : null;
        double[] rowLosses = tokenLosses == null ? null : new double[n];
        double loss = outputAndLoss(h, targets, n, dh, rowLosses);
        if (rowLosses != null) {
            for (int i = 0; i < n; i++) {
                tokenLosses[lossRows[i]] = rowLosses[i];
            }
        }
        if (!gradient) {
            return loss;
        }
        float[] dNormed = new float[rows * dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(dh, i * dim, dNormed, lossRows[i] * dim, dim);
        }
        float[] dx = new float[rows * dim];
        RmsNorm.backward(pool, dNormed, last, outputNorm, rms, dx, outputNormGrad, rows, dim);
        LlamaBlock.Scratch scratch = new LlamaBlock.Scratch(c, rows);
        for (int l = blocks.size() - 1; l >= 0; l--) {
            blocks.get(l).backward(pool, rope, dx, batch, scratch, l > 0 || embeddingGrad != null);
        }
        if (embeddingGrad != null) {
            Embedding.backward(dx, tb.tokens(), embeddingGrad, dim);
        }
        return loss;
    }

    /** Logits, loss and (dh non-null) the gradient at the normed rows h [n, C], LOGIT_ROWS rows at a time. */
    private double outputAndLoss(float[] h, int[] targets, int n, float[] dh, double[] rowLosses) {
        int dim = config.dim();
        int vocab = config.vocabSize();
        float[] logits = new float[Math.min(n, LOGIT_ROWS) * vocab];
        double loss = 0;
        for (int r0 = 0; r0 < n; r0 += LOGIT_ROWS) {
            int rows = Math.min(LOGIT_ROWS, n - r0);
            if (outputT != null) {
                Gemm.gemm(pool, rows, h, r0 * dim, dim, 1, outputT, logits, 0, vocab, false);
            } else {
                Gemm.gemm(pool, rows, vocab, dim, h, r0 * dim, dim, 1, output, 0, 1, dim, logits, 0, vocab, false);
            }
            loss += CrossEntropy.forward(pool, logits, targets, r0, rows, vocab, dh != null, rowLosses);
            if (dh != null) {
                if (outputPlain != null) {
                    Gemm.gemm(pool, rows, logits, 0, vocab, 1, outputPlain, dh, r0 * dim, dim, false);
                } else {
                    Gemm.gemm(pool, rows, dim, vocab, logits, 0, vocab, 1, output, 0, dim, 1, dh, r0 * dim, dim, false);
                }
                if (outputGrad != null) {
                    Gemm.gemm(pool, vocab, dim, rows, logits, 0, 1, vocab, h, r0 * dim, dim, 1, outputGrad, 0, dim, true);
                }
            }
        }
        return loss;
    }

    private static int[] lossRows(int[] targets) {
        int n = 0;
        for (int t : targets) {
            if (t != TrainingBatch.IGNORE) {
                n++;
            }
        }
        int[] rows = new int[n];
        for (int i = 0, j = 0; i < targets.length; i++) {
            if (targets[i] != TrainingBatch.IGNORE) {
                rows[j++] = i;
            }
        }
        return rows;
    }

    @Override
    public void close() {
        pool.close();
    }
}
