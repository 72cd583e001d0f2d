package dev.modelfactory.studio.pipelines;

import javafx.scene.Node;

/** Opens a step's output on the page that shows it; the Pipelines page asks it for every "open" link. */
public interface OutputOpener {

    /** Opens nothing: links are shown as text. */
    OutputOpener NONE = new OutputOpener() {
        @Override
        public boolean canOpen(OutputLink link) {
            return false;
        }

        @Override
        public void open(OutputLink link, Node from) {
        }
    };

    /** True when some page of this studio can show the link (its link is then clickable). */
    boolean canOpen(OutputLink link);

    /** On the FX thread: shows the page and, where the page supports it, chooses the item. */
    void open(OutputLink link, Node from);
}
