/**
 * The cpu backend: Vector API ({@code jdk.incubator.vector}, preferred species) kernels over a fixed
 * thread pool: a packed, register-tiled fp32 GEMM ({@link dev.modelfactory.engine.backend.cpu.CpuMatmul}),
 * linear-layer weights stored pre-packed so prefill skips packing and decode streams them once
 * ({@link dev.modelfactory.engine.backend.cpu.CpuLinearMatmul}), Q8_0 linear weights kept as int8 quants
 * with fp32 block scales and multiplied without dequantising
 * ({@link dev.modelfactory.engine.backend.cpu.CpuQ8Matmul}), kernels that read F32 and Q8_0 weights in
 * place from a mapped model file, so loading copies nothing
 * ({@link dev.modelfactory.engine.backend.cpu.CpuMappedMatmul},
 * {@link dev.modelfactory.engine.backend.cpu.CpuMappedPanelGemm},
 * {@link dev.modelfactory.engine.backend.cpu.CpuMappedQ8Matmul}; see docs/adr/0008), Q4_0 / Q4_K / Q6_K weights
 * kept mapped and decoded per call in vector registers and L1
 * ({@link dev.modelfactory.engine.backend.cpu.CpuQuantDecode},
 * {@link dev.modelfactory.engine.backend.cpu.CpuMappedQuantMatmul}), and fused row kernels (RMSNorm, RoPE,
 * SwiGLU, softmax) and attention. Ranked above reference. Threads: {@code -Dmodelfactory.threads}.
 */
package dev.modelfactory.engine.backend.cpu;
