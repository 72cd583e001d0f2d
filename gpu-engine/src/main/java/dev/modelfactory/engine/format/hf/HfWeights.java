package dev.modelfactory.engine.format.hf;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.WeightSource;
import dev.modelfactory.engine.format.safetensors.SafetensorsFile;
import dev.modelfactory.engine.format.safetensors.ShardedSafetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors weights of a Hugging Face folder under canonical GGUF names. Tensors with no canonical
 * name are left out (see {@link #unmappedNames()}); with tied embeddings a stored {@code lm_head.weight}
 * is left out too, so {@code output.weight} is absent exactly when the output head reuses the embedding.
 */
public final class HfWeights implements WeightSource {

    private final WeightSource raw;
    private final Map<String, String> canonicalToHf;
    private final List<String> unmapped;

    private HfWeights(WeightSource raw, Map<String, String> canonicalToHf, List<String> unmapped) {
        this.raw = raw;
        this.canonicalToHf = canonicalToHf;
        this.unmapped = unmapped;
    }

    /** Opens {@code model.safetensors.index.json} when present, else {@code model.safetensors}. */
    public static HfWeights open(Path folder, boolean tiedEmbeddings) {
        Path index = folder.resolve("model.safetensors.index.json");
        Path single = folder.resolve("model.safetensors");
        WeightSource raw;
        if (Files.isRegularFile(index)) {
            raw = ShardedSafetensors.open(index);
        } else if (Files.isRegularFile(single)) {
            raw = SafetensorsFile.open(single);
        } else {
            throw new ModelFormatException(folder + ": no model.safetensors or model.safetensors.index.json");
        }
        return wrap(raw, tiedEmbeddings);
    }

    /** Canonical view of any source with Hugging Face names. */
    public static HfWeights wrap(WeightSource raw, boolean tiedEmbeddings) {
        Map<String, String> map = new LinkedHashMap<>();
        List<String> unmapped = new ArrayList<>();
        for (String hf : raw.names()) {
            var canonical = HfNames.toCanonical(hf);
            if (canonical.isEmpty() || (tiedEmbeddings && canonical.get().equals("output.weight"))) {
                unmapped.add(hf);
                continue;
            }
            String previous = map.put(canonical.get(), hf);
            if (previous != null) {
                raw.close();
                throw new ModelFormatException(hf + " and " + previous + " both map to " + canonical.get());
            }
        }
        return new HfWeights(raw, Collections.unmodifiableMap(map), List.copyOf(unmapped));
    }

    /** Stored names that are not served (unknown to the mapping, or a tied lm_head). */
    public List<String> unmappedNames() {
        return unmapped;
    }

    /** The stored Hugging Face name behind a canonical name. */
    public String hfName(String canonical) {
        String hf = canonicalToHf.get(canonical);
        if (hf == null) {
            throw new ModelFormatException(canonical + ": no such weight");
        }
        return hf;
    }

    @Override
    public List<String> names() {
        return List.copyOf(canonicalToHf.keySet());
    }

    @Override
    public boolean contains(String name) {
        return canonicalToHf.containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        return raw.shape(hfName(name));
    }

    @Override
    public String dtype(String name) {
        return raw.dtype(hfName(name));
    }

    @Override
    public float[] dequantize(String name) {
        return raw.dequantize(hfName(name));
    }

    @Override
    public void close() {
        raw.close();
    }
}
