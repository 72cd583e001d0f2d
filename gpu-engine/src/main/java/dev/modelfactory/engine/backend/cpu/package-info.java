/**
 * The cpu backend: Vector API ({@code jdk.incubator.vector}, preferred species) kernels over a fixed
 * thread pool: a packed, register-tiled fp32 GEMM ({@link dev.modelfactory.engine.backend.cpu.CpuMatmul}),
 * linear-layer weights stored pre-packed so prefill skips packing and decode streams them once
 * ({@link dev.modelfactory.engine.backend.cpu.CpuLinearMatmul}), and fused row kernels (RMSNorm, RoPE,
 * SwiGLU, softmax) and attention. Ranked above reference. Threads: {@code -Dmodelfactory.threads}.
 */
package dev.modelfactory.engine.backend.cpu;
