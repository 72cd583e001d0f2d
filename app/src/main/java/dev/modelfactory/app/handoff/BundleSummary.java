package dev.modelfactory.app.handoff;

import java.nio.file.Path;

/**
 * What a bundle export wrote.
 *
 * @param folder     the bundle (complete: it appears only when fully written)
 * @param provenance its provenance.json content
 * @param launch     the one-node launch command from the README
 */
public record BundleSummary(Path folder, Provenance provenance, String launch) {
}
