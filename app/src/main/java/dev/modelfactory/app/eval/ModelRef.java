package dev.modelfactory.app.eval;

import java.nio.file.Path;

/** The model of a job: the name results are stored under, its content hash, and where its files are. */
public record ModelRef(String name, String hash, Path location) {
}
