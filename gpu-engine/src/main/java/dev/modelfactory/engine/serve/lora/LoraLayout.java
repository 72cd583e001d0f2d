package dev.modelfactory.engine.serve.lora;

import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import dev.modelfactory.engine.format.safetensors.SafetensorsFile;
import dev.modelfactory.engine.format.safetensors.SafetensorsTensor;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.Projection;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.train.LoraTarget;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What a PEFT adapter must look like to fit a base model, checked from the safetensors header alone (no
 * tensor data is read): exactly one A [r, in] and one B [out, r] per layer and targeted projection, for
 * every layer of the base, in a floating-point dtype. Errors name the adapter, the key and both shapes.
 */
public final class LoraLayout {

    private LoraLayout() {
    }

    /** Refuses, with the reason, an adapter whose keys or shapes do not fit {@code base}. */
    public static void check(String id, SafetensorsFile file, PeftAdapterConfig config, LlamaConfig base) {
        int r = config.lora().rank();
        Set<String> expected = new HashSet<>();
        for (int l = 0; l < base.layers(); l++) {
            for (LoraTarget t : config.lora().targets()) {
                int[] outIn = outIn(projection(t), base);
                expect(id, file, t.peftKey(l, true), new long[] {r, outIn[1]});
                expect(id, file, t.peftKey(l, false), new long[] {outIn[0], r});
                expected.add(t.peftKey(l, true));
                expected.add(t.peftKey(l, false));
            }
        }
        for (SafetensorsTensor t : file.tensors()) {
            if (!expected.contains(t.name())) {
                throw new AdapterException("adapter '" + id + "' (" + file.source() + "): key " + t.name()
                        + " does not fit the base model (" + base.layers() + " layers, targets "
                        + config.lora().targets().stream().map(LoraTarget::peftName).sorted().toList()
                        + "): trained for another architecture?");
            }
        }
    }

    private static void expect(String id, SafetensorsFile file, String key, long[] shape) {
        if (!file.contains(key)) {
            throw new AdapterException("adapter '" + id + "' (" + file.source() + "): key " + key
                    + " is missing (the base model has this layer; trained for a smaller model?)");
        }
        SafetensorsTensor t = file.tensor(key);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new AdapterException("adapter '" + id + "' (" + file.source() + "): key " + key + " has shape "
                    + Arrays.toString(t.shape()) + ", the base model needs " + Arrays.toString(shape)
                    + " (base architecture or shapes do not match)");
        }
        if (!t.dtype().isFloat()) {
            throw new AdapterException("adapter '" + id + "' (" + file.source() + "): key " + key + " has dtype "
                    + t.dtype() + ", expected a floating-point type");
        }
    }

    /** The model's projection a PEFT target adapts. */
    public static Projection projection(LoraTarget t) {
        return Projection.valueOf(t.name());
    }

    /** [out, in] of a projection of {@code c}. */
    public static int[] outIn(Projection p, LlamaConfig c) {
        return switch (p) {
            case Q, O -> new int[] {c.dim(), c.dim()};
            case K, V -> new int[] {c.kvDim(), c.dim()};
            case GATE, UP -> new int[] {c.hiddenDim(), c.dim()};
            case DOWN -> new int[] {c.dim(), c.hiddenDim()};
        };
    }

    /** The base weight's name (GGUF naming) of a projection. */
    public static String weightName(int layer, Projection p) {
        return switch (p) {
            case Q -> WeightNames.attnQ(layer);
            case K -> WeightNames.attnK(layer);
            case V -> WeightNames.attnV(layer);
            case O -> WeightNames.attnOutput(layer);
            case GATE -> WeightNames.ffnGate(layer);
            case UP -> WeightNames.ffnUp(layer);
            case DOWN -> WeightNames.ffnDown(layer);
        };
    }
}
