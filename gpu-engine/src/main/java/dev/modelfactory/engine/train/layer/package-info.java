/**
 * Training layers as forward/backward pairs over plain float arrays (row-major, shapes in each class's doc:
 * B batch rows, T tokens per row, M = B·T, C channels, H heads, Hkv kv heads, D head dim, F hidden width,
 * V vocabulary, K/N a linear layer's in/out features, r LoRA rank), the three training GEMMs ({@link
 * dev.modelfactory.engine.train.layer.Gemm}) and the pool they run on. fp32 throughout; sums that decide a loss or
 * a norm are taken in double.
 */
package dev.modelfactory.engine.train.layer;
