package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.ledger.store.pipeline.PipelineStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Content hashes of files and folders, for inputs and outputs that live outside the workspace's records. */
public final class Hashes {

    private Hashes() {
    }

    /** sha256 of a file's bytes. */
    public static String file(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file's hash, or for a folder the sha256 over its files' relative paths and hashes, in path order. */
    public static String tree(Path p) {
        if (Files.isRegularFile(p)) {
            return file(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            StringBuilder b = new StringBuilder();
            for (Path f : files) {
                b.append(p.relativize(f).toString().replace('\\', '/')).append('\0').append(file(f)).append('\n');
            }
            return PipelineStore.sha256(b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + p, e);
        }
    }

    /** sha256 of the parts joined by newlines: the hash of a description. */
    public static String of(String... parts) {
        return PipelineStore.sha256(String.join("\n", parts));
    }
}
