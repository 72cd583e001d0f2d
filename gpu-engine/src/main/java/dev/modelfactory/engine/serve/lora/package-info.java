/**
 * LoRA adapters applied without merging, for serving many adapters over one base model.
 *
 * <p>{@link dev.modelfactory.engine.serve.lora.LoraWeights} holds one PEFT adapter ready to apply (A read in
 * place from the memory-mapped safetensors file, {@code s·Bᵀ} on the heap, q/k rows in the base's RoPE
 * order), after {@link dev.modelfactory.engine.serve.lora.LoraLayout} has checked its header against the
 * base. {@link dev.modelfactory.engine.serve.lora.LoraBatchDelta} plugs into the model's projection hook and
 * adds {@code s·(x·Aᵀ)·Bᵀ} per row, grouping a batch's rows by adapter (one shrink/expand GEMM pair per
 * group, SGMV-style). {@link dev.modelfactory.engine.serve.lora.MergedLora} merges one adapter into the
 * model for a long single conversation and unmerges exactly by keeping the base tensors untouched.
 */
package dev.modelfactory.engine.serve.lora;
