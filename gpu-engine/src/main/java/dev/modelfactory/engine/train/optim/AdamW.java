package dev.modelfactory.engine.train.optim;

import dev.modelfactory.engine.train.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AdamW as {@code torch.optim.AdamW} computes it (Loshchilov and Hutter, decoupled weight decay):
 * <pre>
 *   p ← p·(1 − lr·wd)                       (only where {@link #decays} says so)
 *   m ← β1·m + (1 − β1)·g ;  v ← β2·v + (1 − β2)·g²
 *   p ← p − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + eps)
 * </pre>
 * State (m, v per parameter name, and the shared step count t) is created lazily and can be exported and
 * restored exactly ({@link #state()}, {@link #restore}), so a resumed run continues bit for bit.
 *
 * <p>Weight decay follows Transformers' Trainer ({@code get_decay_parameter_names}): every trainable
 * weight decays, including both LoRA matrices, except biases and normalisation weights — recognised by
 * name ({@code bias}, {@code norm}) or by being one-dimensional.
 */
public final class AdamW {

    /** The exported optimiser state: step count and m ("exp_avg"), v ("exp_avg_sq") per parameter name. */
    public record State(long step, Map<String, float[]> expAvg, Map<String, float[]> expAvgSq) {
        public State {
            expAvg = Map.copyOf(expAvg);
            expAvgSq = Map.copyOf(expAvgSq);
        }
    }

    private final AdamWConfig config;
    private final Map<String, float[]> m = new LinkedHashMap<>();
    private final Map<String, float[]> v = new LinkedHashMap<>();
    private long step;

    public AdamW(AdamWConfig config) {
        this.config = config;
    }

    public AdamWConfig config() {
        return config;
    }

    /** Optimiser steps taken so far (t of the last update). */
    public long step() {
        return step;
    }

    /** Whether weight decay applies to this parameter (see the class comment). */
    public static boolean decays(Parameter p) {
        String n = p.name().toLowerCase(Locale.ROOT);
        return p.shape().length > 1 && !n.contains("bias") && !n.contains("norm");
    }

    /** One update of every parameter from its current gradient, at learning rate {@code lr}. */
    public void step(List<Parameter> params, double lr) {
        step++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double bc1 = 1 - StrictMath.pow(b1, step);
        double bc2Sqrt = Math.sqrt(1 - StrictMath.pow(b2, step));
        double stepSize = lr / bc1;
        for (Parameter p : params) {
            float[] w = p.value();
            float[] g = p.grad();
            float[] mp = m.computeIfAbsent(p.name(), k -> new float[w.length]);
            float[] vp = v.computeIfAbsent(p.name(), k -> new float[w.length]);
            if (mp.length != w.length) {
                throw new IllegalStateException(p.name() + ": optimiser state has " + mp.length
                        + " values, the parameter " + w.length);
            }
            double decay = decays(p) ? 1 - lr * config.weightDecay() : 1;
            for (int i = 0; i < w.length; i++) {
                double gi = g[i];
                mp[i] = (float) (b1 * mp[i] + (1 - b1) * gi);
                vp[i] = (float) (b2 * vp[i] + (1 - b2) * gi * gi);
                double denom = Math.sqrt(vp[i]) / bc2Sqrt + config.eps();
                w[i] = (float) (w[i] * decay - stepSize * mp[i] / denom);
            }
        }
    }

    /** A deep copy of the state. */
    public State state() {
        Map<String, float[]> mc = new LinkedHashMap<>();
        Map<String, float[]> vc = new LinkedHashMap<>();
        m.forEach((k, a) -> mc.put(k, a.clone()));
        v.forEach((k, a) -> vc.put(k, a.clone()));
        return new State(step, mc, vc);
    }

    /** Replaces the state with a copy of {@code s}; every parameter must have both moments of its size. */
    public void restore(State s, List<Parameter> params) {
        if (s.step() < 0) {
            throw new IllegalArgumentException("optimiser step: must be >= 0, got " + s.step());
        }
        m.clear();
        v.clear();
        for (Parameter p : params) {
            float[] mp = s.expAvg().get(p.name());
            float[] vp = s.expAvgSq().get(p.name());
            if (s.step() == 0 && mp == null && vp == null) {
                continue;
            }
            if (mp == null || vp == null || mp.length != p.size() || vp.length != p.size()) {
                throw new IllegalArgumentException("optimiser state for " + p.name() + ": expected exp_avg and exp_avg_sq of "
                        + p.size() + " values, got " + (mp == null ? "none" : mp.length) + " and "
                        + (vp == null ? "none" : vp.length));
            }
            m.put(p.name(), Arrays.copyOf(mp, mp.length));
            v.put(p.name(), Arrays.copyOf(vp, vp.length));
        }
        step = s.step();
    }
}
