package dev.modelfactory.engine.format.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.WeightSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint split over several safetensors files, read through {@code model.safetensors.index.json}
 * ({@code {"metadata": {...}, "weight_map": {tensorName: shardFileName}}}). Every shard is mapped once;
 * every name in the weight map must exist in the shard it points to, and shard names must stay inside
 * the index's folder.
 */
public final class ShardedSafetensors implements WeightSource {

    private final Map<String, SafetensorsFile> owner;
    private final List<SafetensorsFile> shards;

    private ShardedSafetensors(Map<String, SafetensorsFile> owner, List<SafetensorsFile> shards) {
        this.owner = owner;
        this.shards = shards;
    }

    public static ShardedSafetensors open(Path indexJson) {
        String source = indexJson.toString();
        JsonNode root;
        try {
            root = SafetensorsHeader.JSON.readTree(Files.readString(indexJson));
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw ModelFormatException.field(source, "weight_map", "missing or not an object");
        }
        Path dir = indexJson.toAbsolutePath().getParent().normalize();
        Map<String, SafetensorsFile> files = new LinkedHashMap<>();
        Map<String, SafetensorsFile> owner = new LinkedHashMap<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw ModelFormatException.field(source, "weight_map." + e.getKey(), "must be a file name");
                }
                String shardName = e.getValue().textValue();
                Path shard = dir.resolve(shardName).normalize();
                if (!shard.getParent().equals(dir)) {
                    throw ModelFormatException.field(source, "weight_map." + e.getKey(), "shard " + shardName
                            + " is outside the model folder");
                }
                SafetensorsFile f = files.get(shardName);
                if (f == null) {
                    f = SafetensorsFile.open(shard);
                    files.put(shardName, f);
                }
                if (!f.contains(e.getKey())) {
                    throw ModelFormatException.field(source, "weight_map." + e.getKey(), "not found in shard " + shardName);
                }
                owner.put(e.getKey(), f);
            }
        } catch (RuntimeException e) {
            files.values().forEach(SafetensorsFile::close);
            throw e;
        }
        return new ShardedSafetensors(owner, new ArrayList<>(files.values()));
    }

    private SafetensorsFile shardOf(String name) {
        SafetensorsFile f = owner.get(name);
        if (f == null) {
            throw new ModelFormatException(name + ": no such tensor in the weight map");
        }
        return f;
    }

    /** The shard files in first-use order. */
    public List<SafetensorsFile> shards() {
        return List.copyOf(shards);
    }

    public SafetensorsTensor tensor(String name) {
        return shardOf(name).tensor(name);
    }

    @Override
    public List<String> names() {
        return List.copyOf(owner.keySet());
    }

    @Override
    public boolean contains(String name) {
        return owner.containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        return shardOf(name).shape(name);
    }

    @Override
    public String dtype(String name) {
        return shardOf(name).dtype(name);
    }

    @Override
    public float[] dequantize(String name) {
        return shardOf(name).dequantize(name);
    }

    @Override
    public void close() {
        shards.forEach(SafetensorsFile::close);
    }
}
