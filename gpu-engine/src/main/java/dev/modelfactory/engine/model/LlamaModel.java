package dev.modelfactory.engine.model;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.QuantBlocks;
import dev.modelfactory.engine.backend.RopeSpec;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Llama-family decoder on a backend: pre-norm blocks of grouped-query attention with RoPE and a SwiGLU
 * feed-forward, a final RMSNorm and the output projection (optionally tied to the embedding).
 *
 * <p>A forward call takes T new tokens at positions {@code startPos .. startPos+T-1} of one sequence as one
 * batch: every projection is a [T, C] x [C, out] matmul, so a prompt is processed at once (prefill) and a
 * decode step is the same code with T = 1. Weights are uploaded once at {@link #load}; matrices that the
 * {@link ModelWeights} hold in place (a mapped file) are handed over by reference, so the model must be
 * closed before the weights, and fails cleanly (the mapping's {@link IllegalStateException}) if used after.
 */
public final class LlamaModel implements AutoCloseable {

    private final LlamaConfig config;
    private final Backend backend;
    private final RopeSpec rope;
    private final Tensor embedding;
    private final List<LayerWeights> layers;
    private final Tensor outputNorm;
    private final Tensor output;
    private static final Projection[] QKV = {Projection.Q, Projection.K, Projection.V};
    private static final Projection[] GATE_UP = {Projection.GATE, Projection.UP};

    /** Replacement linear weights by [layer][projection] (a merged adapter), null where the base's own. */
    private final Tensor[][] overrides;

    private LlamaModel(LlamaConfig config, Backend backend, Tensor embedding, List<LayerWeights> layers,
            Tensor outputNorm, Tensor output) {
        this.config = config;
        this.backend = backend;
        this.rope = config.ropeSpec();
        this.embedding = embedding;
        this.layers = layers;
        this.outputNorm = outputNorm;
        this.output = output;
        this.overrides = new Tensor[layers.size()][Projection.values().length];
    }

    /** Checks every weight's presence and shape against the config, then uploads them to the backend. */
    public static LlamaModel load(LlamaConfig c, ModelWeights w, Backend backend) {
        Loader in = new Loader(w, backend);
        // A table the weights hold in place is mapped like a linear weight, which embedding may read, so a
        // tied output projection is the same tensor: neither copied nor held twice.
        boolean mappedTable = in.inPlace(WeightNames.TOKEN_EMBD);
        Tensor embedding = mappedTable ? in.linear(WeightNames.TOKEN_EMBD, c.vocabSize(), c.dim())
                : in.get(WeightNames.TOKEN_EMBD, c.vocabSize(), c.dim());
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            layers.add(new LayerWeights(
                    in.get(WeightNames.attnNorm(l), c.dim()),
                    in.linear(WeightNames.attnQ(l), c.dim(), c.dim()),
                    in.linear(WeightNames.attnK(l), c.kvDim(), c.dim()),
                    in.linear(WeightNames.attnV(l), c.kvDim(), c.dim()),
                    in.linear(WeightNames.attnOutput(l), c.dim(), c.dim()),
                    c.qkvBias() ? in.get(WeightNames.attnQBias(l), c.dim()) : null,
                    c.qkvBias() ? in.get(WeightNames.attnKBias(l), c.kvDim()) : null,
                    c.qkvBias() ? in.get(WeightNames.attnVBias(l), c.kvDim()) : null,
                    in.get(WeightNames.ffnNorm(l), c.dim()),
                    in.linear(WeightNames.ffnGate(l), c.hiddenDim(), c.dim()),
                    in.linear(WeightNames.ffnUp(l), c.hiddenDim(), c.dim()),
                    in.linear(WeightNames.ffnDown(l), c.dim(), c.hiddenDim())));
        }
        Tensor outputNorm = in.get(WeightNames.OUTPUT_NORM, c.dim());
        // Tied and copied: the table is also uploaded as a linear weight, since a backend may store those
        // differently.
        Tensor output = c.tiedOutput() && mappedTable ? embedding
                : in.linear(c.tiedOutput() ? WeightNames.TOKEN_EMBD : WeightNames.OUTPUT, c.vocabSize(), c.dim());
        return new LlamaModel(c, backend, embedding, List.copyOf(layers), outputNorm, output);
    }

    /** Reads weights with clear errors for a missing tensor or a wrong shape. */
    private record Loader(ModelWeights weights, Backend backend) {
        Tensor get(String name, int... shape) {
            check(name, shape);
            return weights.toBackend(name, backend);
        }

        /**
         * A matrix used as {@code x · Wᵀ}. Held in place by the weights (a mapped F32, Q8_0, Q4_0, Q4_K or Q6_K tensor): mapped,
         * so the backend may read it where it lies ({@link Backend#mapLinear}, {@link Backend#mapLinearQ8_0},
         * {@link Backend#mapLinearQuant});
         * otherwise uploaded in the backend's linear-weight layout.
         */
        Tensor linear(String name, int out, int in) {
            check(name, out, in);
            Optional<MemorySegment> q8 = weights.q8_0(name);
            if (q8.isPresent()) {
                return backend.mapLinearQ8_0(q8.get(), out, in);
            }
            Optional<MemorySegment> f32 = weights.f32(name);
            if (f32.isPresent()) {
                return backend.mapLinear(f32.get(), out, in);
            }
            Optional<QuantBlocks> quant = weights.quantized(name);
            if (quant.isPresent()) {
                return backend.mapLinearQuant(quant.get().format(), quant.get().blocks(), out, in);
            }
            return backend.uploadLinear(weights.floats(name), out, in);
        }

        boolean inPlace(String name) {
            return weights.contains(name) && (weights.q8_0(name).isPresent() || weights.f32(name).isPresent()
                    || weights.quantized(name).isPresent());
        }

        private void check(String name, int... shape) {
            if (!weights.contains(name)) {
                throw new IllegalArgumentException("model weights lack '" + name + "'");
            }
            int[] actual = weights.shape(name);
            if (!Arrays.equals(actual, shape)) {
                throw new IllegalArgumentException("weight '" + name + "' has shape " + Arrays.toString(actual)
                        + ", the config needs " + Arrays.toString(shape));
            }
        }
    }

    public LlamaConfig config() {
        return config;
    }

    public Backend backend() {
        return backend;
    }

    /** A new sequence with room for the model's full context. */
    public LlamaSession newSession() {
        return new LlamaSession(this, config.maxSeqLen());
    }

    /** A new sequence with room for {@code capacity} positions. */
    public LlamaSession newSession(int capacity) {
        return new LlamaSession(this, capacity);
    }

    /**
     * Runs T tokens at positions {@code startPos..} through the model, appending their keys and values to
     * the cache. Returns logits [T, V] row-major when {@code allPositions}, else [V] for the last token
     * (the output projection then runs on one row only).
     */
    float[] forward(KvCache cache, int startPos, int[] tokens, boolean allPositions) {
        return forward(cache, startPos, tokens, allPositions, null);
    }

    /** {@link #forward(KvCache, int, int[], boolean)} with a projection delta (null for none). */
    float[] forward(KvCache cache, int startPos, int[] tokens, boolean allPositions, ProjectionDelta delta) {
        int t = tokens.length;
        if (t == 0) {
            throw new IllegalArgumentException("forward needs at least one token");
        }
        if (startPos < 0 || startPos + t > cache.capacity()) {
            throw new IllegalArgumentException("positions " + startPos + ".." + (startPos + t - 1)
                    + " do not fit a context of " + cache.capacity());
        }
        LlamaConfig c = config;
        Backend be = backend;
        try (Scratch s = new Scratch(be, c, t)) {
            be.embedding(embedding, tokens, s.x);
            for (int l = 0; l < layers.size(); l++) {
                Tensor kCache = cache.keys(l);
                Tensor vCache = cache.values(l);
                block(l, layers.get(l), s, delta, () -> attendSequence(kCache, vCache, startPos, s));
            }
            int rows = allPositions ? t : 1;
            Tensor last = s.x;
            if (!allPositions && t > 1) {
                last = be.allocate(1, c.dim());
                be.copyRows(s.x, t - 1, last, 0, 1);
            }
            be.rmsNorm(last, outputNorm, c.rmsEps(), last);
            try (Tensor logits = be.allocate(rows, c.vocabSize())) {
                be.matmul(last, output, true, logits);
                return be.download(logits);
            } finally {
                if (last != s.x) {
                    last.close();
                }
            }
        }
    }

    /**
     * One decode step for several sequences at once: row i is {@code tokens[i]} fed to {@code sessions[i]}
     * at that session's own position. Every projection runs as one [B, C] matmul over all rows (plus the
     * delta, which may differ per row); RoPE, the cache append and attention run per row against that
     * session's cache. Each session advances by one. Returns logits [B, V] row-major.
     */
    public float[] decodeBatch(List<LlamaSession> sessions, int[] tokens, ProjectionDelta delta) {
        int b = tokens.length;
        if (b == 0 || sessions.size() != b) {
            throw new IllegalArgumentException("a batch step needs one token per session, got " + b + " tokens for "
                    + sessions.size() + " sessions");
        }
        int[] positions = new int[b];
        java.util.Set<LlamaSession> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < b; i++) {
            LlamaSession s = sessions.get(i);
            if (s.model() != this) {
                throw new IllegalArgumentException("session " + i + " belongs to another model");
            }
            if (!seen.add(s)) {
                throw new IllegalArgumentException("session " + i + " appears twice in one batch step");
            }
            positions[i] = s.position();
            if (positions[i] >= s.capacity()) {
                throw new IllegalArgumentException("session " + i + " is full (" + s.capacity() + " positions)");
            }
        }
        LlamaConfig c = config;
        Backend be = backend;
        float[] logits;
        try (Scratch s = new Scratch(be, c, b); Tensor q1 = be.allocate(1, c.dim()); Tensor k1 = be.allocate(1, c.kvDim());
                Tensor att1 = be.allocate(1, c.dim()); Tensor out = be.allocate(b, c.vocabSize())) {
            be.embedding(embedding, tokens, s.x);
            for (int l = 0; l < layers.size(); l++) {
                int layer = l;
                block(l, layers.get(l), s, delta, () -> {
                    for (int i = 0; i < b; i++) {
                        KvCache kv = sessions.get(i).cache();
                        int pos = positions[i];
                        be.copyRows(s.q, i, q1, 0, 1);
                        be.copyRows(s.k, i, k1, 0, 1);
                        be.rope(q1, c.heads(), c.headDim(), pos, rope);
                        be.rope(k1, c.kvHeads(), c.headDim(), pos, rope);
                        be.copyRows(k1, 0, kv.keys(layer), pos, 1);
                        be.copyRows(s.v, i, kv.values(layer), pos, 1);
                        be.attention(q1, kv.keys(layer), kv.values(layer), pos, c.heads(), c.kvHeads(), c.headDim(),
                                att1);
                        be.copyRows(att1, 0, s.att, i, 1);
                    }
                });
            }
            be.rmsNorm(s.x, outputNorm, c.rmsEps(), s.x);
            be.matmul(s.x, output, true, out);
            logits = be.download(out);
        }
        for (LlamaSession s : sessions) {
            s.advance(1);
        }
        return logits;
    }

    /**
     * One pre-norm block on x [T, C], in place: x += attn(norm(x)); x += ffn(norm(x)). {@code attend} turns
     * s.q, s.k, s.v (projected, biased) into s.att: RoPE, KV-cache append and attention.
     */
    private void block(int l, LayerWeights w, Scratch s, ProjectionDelta delta, Runnable attend) {
        LlamaConfig c = config;
        Backend be = backend;
        be.rmsNorm(s.x, w.attnNorm(), c.rmsEps(), s.h);
        project(l, QKV, new Tensor[] {w.wq(), w.wk(), w.wv()}, s.h, s.qkv, delta);
        if (w.bq() != null) {
            be.add(s.q, w.bq(), s.q);
            be.add(s.k, w.bk(), s.k);
            be.add(s.v, w.bv(), s.v);
        }
        attend.run();
        project(l, Projection.O, w.wo(), s.att, s.h, delta);
        be.add(s.x, s.h, s.x);

        be.rmsNorm(s.x, w.ffnNorm(), c.rmsEps(), s.h);
        project(l, GATE_UP, new Tensor[] {w.gate(), w.up()}, s.h, s.gateUp, delta);
        be.swiglu(s.gate, s.up, s.gate);
        project(l, Projection.DOWN, w.down(), s.gate, s.h, delta);
        be.add(s.x, s.h, s.x);
    }

    /** RoPE, cache append and attention for T consecutive tokens of one sequence. */
    private void attendSequence(Tensor kCache, Tensor vCache, int startPos, Scratch s) {
        LlamaConfig c = config;
        Backend be = backend;
        be.rope(s.q, c.heads(), c.headDim(), startPos, rope);
        be.rope(s.k, c.kvHeads(), c.headDim(), startPos, rope);
        be.copyRows(s.k, 0, kCache, startPos, s.tokens);
        be.copyRows(s.v, 0, vCache, startPos, s.tokens);
        be.attention(s.q, kCache, vCache, startPos, c.heads(), c.kvHeads(), c.headDim(), s.att);
    }

    /** y = x · Wᵀ (W the override if one is set) plus the delta's update. */
    private void project(int l, Projection p, Tensor base, Tensor x, Tensor y, ProjectionDelta delta) {
        Tensor o = overrides[l][p.ordinal()];
        backend.matmul(x, o != null ? o : base, true, y);
        if (delta != null) {
            delta.apply(l, p, x, y);
        }
    }

    /**
     * ys[i] = x · Wᵢᵀ for projections that share x, as one backend call (one hand-off to the cpu threads
     * at decode), then each delta's update.
     */
    private void project(int l, Projection[] ps, Tensor[] bases, Tensor x, Tensor[] ys, ProjectionDelta delta) {
        Tensor[] row = overrides[l];
        for (int i = 0; i < ps.length; i++) {
            Tensor o = row[ps[i].ordinal()];
            if (o != null) {
                bases[i] = o;
            }
        }
        backend.matmulSharedInput(x, bases, ys);
        if (delta != null) {
            for (int i = 0; i < ps.length; i++) {
                delta.apply(l, ps[i], x, ys[i]);
            }
        }
    }

    /**
     * Uses {@code weight} (a linear weight uploaded by {@code backend().uploadLinear}, [out, in] like the
     * base's) instead of the base's own for one projection, or the base's again for {@code null}; returns
     * the previous replacement (null if none). The base's tensor is never written, so going back to it is
     * exact. The caller owns the replacement tensors and must not swap while a forward pass runs.
     */
    public synchronized Tensor overrideLinear(int layer, Projection projection, Tensor weight) {
        Tensor[] row = overrides[layer];
        Tensor previous = row[projection.ordinal()];
        row[projection.ordinal()] = weight;
        return previous;
    }

    /** Activations of one forward call: x, h, att [T, C]; q [T, H·D]; k, v [T, Hkv·D]; gate, up [T, F]. */
    private static final class Scratch implements AutoCloseable {
        final int tokens;
        final Tensor x;
        final Tensor h;
        final Tensor q;
        final Tensor k;
        final Tensor v;
        final Tensor att;
        final Tensor gate;
        final Tensor up;
        final Tensor[] qkv;
        final Tensor[] gateUp;

        Scratch(Backend be, LlamaConfig c, int t) {
            tokens = t;
            x = be.allocate(t, c.dim());
            h = be.allocate(t, c.dim());
            q = be.allocate(t, c.dim());
            k = be.allocate(t, c.kvDim());
            v = be.allocate(t, c.kvDim());
            att = be.allocate(t, c.dim());
            gate = be.allocate(t, c.hiddenDim());
            up = be.allocate(t, c.hiddenDim());
            qkv = new Tensor[] {q, k, v};
            gateUp = new Tensor[] {gate, up};
        }

        @Override
        public void close() {
            for (Tensor t : new Tensor[] {x, h, q, k, v, att, gate, up}) {
                t.close();
            }
        }
    }

    @Override
    public void close() {
        embedding.close();
        layers.forEach(LayerWeights::close);
        outputNorm.close();
        if (output != embedding) {
            output.close();
        }
    }
}
