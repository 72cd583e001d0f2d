/**
 * LoRA adapters as PEFT folders, both ways, and merging.
 *
 * <p>{@link dev.modelfactory.engine.adapter.PeftAdapter} is an adapter under PEFT's keys
 * ({@code base_model.model.model.layers.N.<module>.lora_A|lora_B.weight}; A [r, in], B [out, r]) with its
 * {@link dev.modelfactory.engine.adapter.PeftAdapterConfig} ({@code adapter_config.json} with PEFT's field
 * names); it saves and loads the folder atomically, checks itself against a base
 * {@link dev.modelfactory.engine.model.LlamaConfig} (layer count, every shape, errors naming the key) and has
 * a content hash. {@link dev.modelfactory.engine.adapter.MergedWeights} is the base with
 * {@code W + scaling·B·A} folded in, lazily per tensor; {@link dev.modelfactory.engine.adapter.MergedExport}
 * writes it as a Hugging Face safetensors folder or a llama GGUF (F16/Q8_0).
 *
 * <p>Layouts: adapters are always in Hugging Face row order. A base read from GGUF has its q/k rows in
 * llama.cpp's interleaved order, so B's rows for q/k are permuted the same way before merging, and trained
 * LoRA parameters of such a base are permuted back before saving.
 */
package dev.modelfactory.engine.adapter;
