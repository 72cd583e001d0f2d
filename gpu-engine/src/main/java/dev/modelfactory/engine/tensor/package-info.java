/**
 * Tensors as the engine sees them: an owned block of fp32 values with a row-major shape, allocated by a
 * {@link dev.modelfactory.engine.backend.Backend}. A tensor may live in device memory; host code reads or
 * writes it only through the backend's explicit copy-in / copy-out. {@link HostTensor} is the host-memory
 * kind shared by the reference and cpu backends.
 */
package dev.modelfactory.engine.tensor;
