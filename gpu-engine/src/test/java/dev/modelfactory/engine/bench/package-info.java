/**
 * Benchmarks run by hand (not unit tests): {@link MatmulBench} compares the cpu backend's fp32 matmul with
 * DJL PyTorch on the same shapes and thread count.
 */
package dev.modelfactory.engine.bench;
