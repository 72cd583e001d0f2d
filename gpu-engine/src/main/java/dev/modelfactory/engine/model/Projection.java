package dev.modelfactory.engine.model;

/**
 * The seven linear projections of a Llama block, by role: attention q/k/v/o and the SwiGLU feed-forward's
 * gate/up/down. Named like {@code engine.train.LoraTarget}'s constants, so adapter code maps one to the
 * other by name.
 */
public enum Projection {
    Q, K, V, O, GATE, UP, DOWN
}
