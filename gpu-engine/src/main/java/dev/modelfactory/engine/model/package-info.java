/**
 * Llama-family decoder models (Llama 2/3, Mistral, Qwen2 with qkv bias, SmolLM, TinyLlama) on any
 * {@link dev.modelfactory.engine.backend.Backend}: {@link LlamaConfig}, weights behind
 * {@link ModelWeights} under llama.cpp GGUF tensor names ({@link WeightNames}), and {@link LlamaModel}
 * with batched prefill and KV-cached decode through a {@link LlamaSession}.
 */
package dev.modelfactory.engine.model;
