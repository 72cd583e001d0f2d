package dev.modelfactory.engine.model;

import dev.modelfactory.engine.tensor.Tensor;

/**
 * One transformer block's weights on a backend. Matrices [out, in]; q/k/v biases {@code null} unless the
 * model has them (Qwen2).
 */
record LayerWeights(Tensor attnNorm, Tensor wq, Tensor wk, Tensor wv, Tensor wo, Tensor bq, Tensor bk, Tensor bv,
        Tensor ffnNorm, Tensor gate, Tensor up, Tensor down) {

    void close() {
        for (Tensor t : new Tensor[] {attnNorm, wq, wk, wv, wo, bq, bk, bv, ffnNorm, gate, up, down}) {
            if (t != null) {
                t.close();
            }
        }
    }
}
