/**
 * The studio playground over the engine: {@link dev.modelfactory.app.playground.ServedPlayground} implements
 * the page's {@code PlaygroundEngine} with one loaded base, an {@code AdapterPool} and one
 * {@code ServeEngine} (continuous batching, so every pane streams from the same weights at once);
 * {@link dev.modelfactory.app.playground.WorkspacePlaygroundBackend} lists the workspace's registered models
 * and loads one; {@link dev.modelfactory.app.playground.RetrievalGrounding} grounds answers in a dataset version
 * through {@link dev.modelfactory.app.attribution.RetrievalService}.
 */
package dev.modelfactory.app.playground;
