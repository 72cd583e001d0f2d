/**
 * Text generation over a model session: {@link Sampler} (greedy, temperature, top-k, top-p, min-p,
 * repetition penalty; seeded), stop conditions, streaming through a {@link TokenListener}, cancellation
 * through a {@link CancellationToken}, and the {@link Generator} loop (batched prefill, then one token per
 * decode step) that reports counts and tokens/s. Plain Java: no UI types.
 */
package dev.modelfactory.engine.generate;
