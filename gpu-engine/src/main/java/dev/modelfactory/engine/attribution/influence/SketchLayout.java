package dev.modelfactory.engine.attribution.influence;

import dev.modelfactory.engine.train.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a model's gradient is cut into modules and how many sketch dimensions each gets, plus the seed of the
 * projection: everything needed to sketch a query exactly as the stored rows were sketched.
 *
 * <p>A module is one LoRA-adapted projection of one layer (its {@code lora_A} and {@code lora_B} together,
 * A's values first); any other trainable tensor (full fine-tuning) is a module of its own. Modules keep
 * their own blocks in a sketch row, in this order, so DataInf can work per layer. A module whose dims equal
 * its size is stored exactly (no projection).
 */
public record SketchLayout(long seed, List<Module> modules) {

    /** One module: its name (the PEFT key without {@code .lora_A.weight}), gradient size and sketch dims. */
    public record Module(String name, int size, int dims) {
        public Module {
            Objects.requireNonNull(name, "name");
            if (size < 1 || dims < 1 || dims > size) {
                throw new IllegalArgumentException("module " + name + ": dims must be in 1.." + size + ", got " + dims);
            }
        }

        /** True when the module is kept exactly. */
        public boolean identity() {
            return dims == size;
        }
    }

    public SketchLayout {
        modules = List.copyOf(modules);
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("sketch layout: no trainable module");
        }
    }

    /**
     * Modules of {@code params} sharing {@code totalDims} equally (each at least {@code min(16, size)}, at most
     * its size: {@code totalDims >= } the sum of sizes keeps every gradient exactly).
     */
    public static SketchLayout of(List<Parameter> params, long seed, int totalDims) {
        if (totalDims < 1) {
            throw new IllegalArgumentException("sketch dims: must be >= 1, got " + totalDims);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Parameter p : params) {
            sizes.merge(moduleKey(p.name()), p.size(), Integer::sum);
        }
        int each = Math.max(1, totalDims / Math.max(1, sizes.size()));
        List<Module> out = new ArrayList<>();
        sizes.forEach((name, size) -> out.add(new Module(name, size, Math.min(size, Math.max(Math.min(16, size), each)))));
        return new SketchLayout(seed, out);
    }

    /** The module a parameter belongs to: its PEFT key without the {@code .lora_A/B.weight} suffix. */
    public static String moduleKey(String parameterName) {
        for (String suffix : new String[] {".lora_A.weight", ".lora_B.weight"}) {
            if (parameterName.endsWith(suffix)) {
                return parameterName.substring(0, parameterName.length() - suffix.length());
            }
        }
        return parameterName;
    }

    /** Floats per sketch row, all modules together. */
    public int totalDims() {
        int n = 0;
        for (Module m : modules) {
            n += m.dims();
        }
        return n;
    }

    /** Where module {@code m}'s block starts in a sketch row. */
    public int offset(int m) {
        int n = 0;
        for (int i = 0; i < m; i++) {
            n += modules.get(i).dims();
        }
        return n;
    }

    /** Start offsets of every module's block, plus the total at the end. */
    public int[] offsets() {
        int[] o = new int[modules.size() + 1];
        for (int i = 0; i < modules.size(); i++) {
            o[i + 1] = o[i] + modules.get(i).dims();
        }
        return o;
    }
}
