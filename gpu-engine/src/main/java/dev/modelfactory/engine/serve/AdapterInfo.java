package dev.modelfactory.engine.serve;

import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import java.nio.file.Path;

/**
 * A registered adapter: its id (what a request names), PEFT folder, parsed config and the bytes it holds
 * once resident (A as mapped F32 plus the scaled Bᵀ copy: {@code 4·r·(in + out)} per adapted projection).
 */
public record AdapterInfo(String id, Path folder, PeftAdapterConfig config, long bytes) {

    public int rank() {
        return config.lora().rank();
    }
}
