/**
 * Hugging Face model folders: {@code config.json} to {@link dev.modelfactory.engine.format.ModelSpec},
 * safetensors weights (single or sharded) under canonical GGUF names, {@code tokenizer.json}, and chat
 * templates (from {@code tokenizer_config.json} or GGUF {@code tokenizer.chat_template}) rendered with
 * Jinjava.
 *
 * <p>Weights are served as stored: HF q/k projections expect rotate-half RoPE, so the spec says
 * {@link dev.modelfactory.engine.format.RopeStyle#NEOX} rather than permuting rows as llama.cpp's
 * converter does.
 */
package dev.modelfactory.engine.format.hf;
