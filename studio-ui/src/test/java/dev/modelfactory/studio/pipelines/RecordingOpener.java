package dev.modelfactory.studio.pipelines;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;

/** Opens every link but a file by remembering it. */
final class RecordingOpener implements OutputOpener {

    final List<OutputLink> opened = new ArrayList<>();

    @Override
    public boolean canOpen(OutputLink link) {
        return link.kind() != OutputLink.Kind.FILE;
    }

    @Override
    public void open(OutputLink link, Node from) {
        opened.add(link);
    }
}
