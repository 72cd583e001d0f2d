package dev.modelfactory.studio.playground;

import java.nio.file.Path;

/** A registered adapter as the list shows it: resident (loaded) or only on disk, and pinned or not. */
public record AdapterState(String id, Path folder, int rank, long bytes, boolean resident, boolean pinned) {
}
