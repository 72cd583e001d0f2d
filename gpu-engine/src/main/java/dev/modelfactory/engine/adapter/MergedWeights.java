package dev.modelfactory.engine.adapter;

import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.train.LoraTarget;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A base model's weights with an adapter merged in, computed per tensor on access: every adapted
 * projection reads {@code W + scaling · B · A} (in fp32, from the dequantised base), everything else is the
 * base's tensor as it is. Nothing is copied up front, so a merge can stream into an exporter. The base
 * stays owned by the caller ({@link #close()} does not close it).
 */
public final class MergedWeights implements ModelWeights {

    private record Site(int layer, LoraTarget target) {
    }

    private final ModelWeights base;
    private final LlamaConfig config;
    private final PeftAdapter adapter;
    private final Map<String, Site> sites = new HashMap<>();

    public MergedWeights(ModelWeights base, LlamaConfig config, PeftAdapter adapter) {
        adapter.checkAgainst(config);
        this.base = base;
        this.config = config;
        this.adapter = adapter;
        for (int l = 0; l < config.layers(); l++) {
            for (LoraTarget t : adapter.config().lora().targets()) {
                sites.put(canonicalName(l, t), new Site(l, t));
            }
        }
    }

    /** The GGUF name of a projection's weight. */
    static String canonicalName(int layer, LoraTarget t) {
        return switch (t) {
            case Q -> WeightNames.attnQ(layer);
            case K -> WeightNames.attnK(layer);
            case V -> WeightNames.attnV(layer);
            case O -> WeightNames.attnOutput(layer);
            case GATE -> WeightNames.ffnGate(layer);
            case UP -> WeightNames.ffnUp(layer);
            case DOWN -> WeightNames.ffnDown(layer);
        };
    }

    @Override
    public Set<String> names() {
        return base.names();
    }

    @Override
    public int[] shape(String name) {
        return base.shape(name);
    }

    @Override
    public float[] floats(String name) {
        float[] w = base.floats(name);
        Site s = sites.get(name);
        if (s != null) {
            float[] d = adapter.delta(s.layer(), s.target(), config);
            if (d.length != w.length) {
                throw new AdapterException(name + ": the base tensor has " + w.length + " values, the adapter's update "
                        + d.length);
            }
            for (int i = 0; i < w.length; i++) {
                w[i] += d[i];
            }
        }
        return w;
    }

    /** Merged matrices are never Q8_0 blocks any more; the others keep the base's storage. */
    @Override
    public Optional<MemorySegment> q8_0(String name) {
        return sites.containsKey(name) ? Optional.empty() : base.q8_0(name);
    }

    /** Likewise for Q4_0 / Q4_K / Q6_K blocks: merged matrices are fp32 now. */
    @Override
    public Optional<dev.modelfactory.engine.backend.QuantBlocks> quantized(String name) {
        return sites.containsKey(name) ? Optional.empty() : base.quantized(name);
    }
}
