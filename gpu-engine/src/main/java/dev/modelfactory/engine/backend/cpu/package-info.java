/**
 * The cpu backend: Vector API ({@code jdk.incubator.vector}, preferred species) kernels over a fixed
 * thread pool: a packed, register-tiled fp32 GEMM, a streaming matrix-vector path for decode, and fused
 * row kernels (RMSNorm, RoPE, SwiGLU, softmax) and attention. Ranked above reference.
 */
package dev.modelfactory.engine.backend.cpu;
