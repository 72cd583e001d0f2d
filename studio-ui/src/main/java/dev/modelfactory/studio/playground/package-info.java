/**
 * The Playground page: one base model, many LoRA adapters over it, up to four panes streaming side by side
 * from the one shared base. The page speaks to the engine only through {@link
 * dev.modelfactory.studio.playground.PlaygroundBackend} / {@link dev.modelfactory.studio.playground.PlaygroundEngine}
 * (the app implements them over the engine's serving scheduler); streamed text reaches the FX thread through
 * {@link dev.modelfactory.studio.playground.TextCoalescer} at a bounded rate.
 */
package dev.modelfactory.studio.playground;
