package dev.modelfactory.engine.train.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's checkpoints in one folder, written atomically: each is assembled in a hidden temporary folder
 * and renamed into {@code checkpoint-NNNNNNNN} only when complete (files synced, manifest last), so a
 * process killed at any point leaves the previous checkpoints intact and at worst a {@code .tmp-*} folder
 * that {@link #latest()} ignores and {@link #cleanTemporary()} removes. The layout is in package-info.
 */
public final class CheckpointStore {

    static final String MANIFEST = "checkpoint.json";
    static final String PARAMS = "trainable.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String METRICS = "metrics.jsonl";
    static final int FORMAT = 1;
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{8})");

    private final Path dir;
    private final int keep;

    /** @param keep how many of the newest checkpoints to keep (>= 1) */
    public CheckpointStore(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keepCheckpoints: must be >= 1, got " + keep);
        }
        this.dir = dir;
        this.keep = keep;
    }

    public Path dir() {
        return dir;
    }

    public Path pathOf(int step) {
        return dir.resolve(String.format("checkpoint-%08d", step));
    }

    /** Writes a checkpoint atomically, then prunes beyond {@code keep}; returns its folder. */
    public Path save(Checkpoint c) {
        Path target = pathOf(c.step());
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempDirectory(dir, ".tmp-" + target.getFileName() + "-");
            CheckpointFiles.write(tmp, c);
            FileSync.directory(tmp);
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(dir, ".tmp-old-" + target.getFileName() + "-");
                Files.move(target, old.resolve("c"), StandardCopyOption.ATOMIC_MOVE);
                move(tmp, target);
                deleteTree(old);
            } else {
                move(tmp, target);
            }
            tmp = null;
            FileSync.directory(dir);
            prune();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Completed checkpoint folders, newest first. */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest checkpoint that reads back intact (manifest, files and their sha256 all check); a damaged
     * newer one is skipped, so a bad disk write costs at most the steps since the one before.
     */
    public Optional<Checkpoint> latest() {
        for (Path p : list()) {
            try {
                return Optional.of(load(p));
            } catch (RuntimeException e) {
                // damaged: fall back to the one before
            }
        }
        return Optional.empty();
    }

    /** Reads and verifies one checkpoint folder; errors name the folder and what is wrong. */
    public Checkpoint load(Path folder) {
        return CheckpointFiles.read(folder);
    }

    /** Removes temporary folders left by an interrupted {@link #save}. */
    public void cleanTemporary() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).forEach(CheckpointStore::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private void prune() {
        List<Path> all = list();
        for (int i = keep; i < all.size(); i++) {
            deleteQuietly(all.get(i));
        }
    }

    static int stepOf(Path folder) {
        Matcher m = NAME.matcher(folder.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException ignored) {
            // a leftover temporary or old checkpoint is harmless; the next clean-up retries
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
