package dev.modelfactory.studio;

import javafx.scene.Node;

/**
 * One area of the studio, listed in the sidebar (the AtlantaFX sampler's page contract). Pages are built in
 * code: the constructor reads like a table of contents, one small method per section.
 */
public interface Page {

    /** Stable identifier: node ids, snapshot file names ({@code <id>.png}); lower-case, no spaces. */
    String id();

    /** The sidebar and window title. */
    String title();

    /** A new small icon node for the sidebar (see {@link dev.modelfactory.studio.ui.Glyph}). */
    Node icon();

    /** The page's content; called once, the shell keeps the node. */
    Node view();

    /** Called on the FX thread each time the page becomes visible (refresh cheap state here). */
    default void onShow() {
    }

    /**
     * Called on the FX thread right after the shell showed this page for an {@link OpenPageEvent}: another
     * page asks it to open {@code request} (ignore requests of types this page does not know).
     */
    default void open(Object request) {
    }
}
