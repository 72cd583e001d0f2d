/**
 * The compute seam: one {@link Backend} interface (tensor allocation, explicit host copies, and the ops a
 * Llama forward needs), implementations found by {@link java.util.ServiceLoader} through
 * {@link BackendProvider}s, and the {@link Backends} registry that picks the best available one or the one
 * named by {@code -Dmodelfactory.backend}.
 */
package dev.modelfactory.engine.backend;
