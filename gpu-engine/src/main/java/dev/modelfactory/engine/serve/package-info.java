/**
 * Serving many LoRA adapters over one base model: the engine part of adapter hot-swap, which the studio's
 * playground and the OpenAI-compatible {@code serve} API sit on.
 *
 * <p>{@link dev.modelfactory.engine.serve.AdapterPool} registers adapters by id (PEFT folders; header-only
 * checks against the base), keeps a byte budget of resident ones (memory-mapped, LRU eviction, pins,
 * leases, asynchronous prefetch) and reports {@link dev.modelfactory.engine.serve.AdapterPoolStats}.
 * {@link dev.modelfactory.engine.serve.ServeEngine} is the continuous-batching scheduler: a thread-safe
 * {@code submit(ServeRequest, TokenListener)} returns a {@link dev.modelfactory.engine.serve.ServeHandle}
 * (cancel, switch adapter from the next token on, result); each iteration runs one batched decode step in
 * which rows of different adapters and of the base mix. The LoRA arithmetic lives in
 * {@code serve.lora}.
 */
package dev.modelfactory.engine.serve;
