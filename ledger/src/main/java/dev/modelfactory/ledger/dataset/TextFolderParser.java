package dev.modelfactory.ledger.dataset;

import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of {@code .txt}/{@code .md} files, or one such file: one raw-text row per file, for
 * pre-training style data.
 *
 * <p>Files are visited in the order of their relative paths (so imports are repeatable); the
 * {@link SourceRef} file is that relative path, line 1, record = the file's position. A file is
 * rejected if it is not strict UTF-8, is blank, or is larger than {@link #MAX_FILE_BYTES} (a row is
 * held whole in memory and in one database cell).
 */
final class TextFolderParser implements RowParser {

    /** The largest file read as one row. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    @Override
    public void parse(Path source, RowSink sink, ProgressListener progress) throws IOException {
        List<Path> files = files(source);
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        Path base = Files.isDirectory(source) ? source : source.getParent() == null ? Path.of("") : source.getParent();
        long done = 0;
        long record = 0;
        for (Path f : files) {
            record++;
            String name = Files.isDirectory(source) ? relative(base, f) : source.toString();
            SourceRef ref = new SourceRef(name, 1, record);
            long size = Files.size(f);
            if (size > MAX_FILE_BYTES) {
                sink.reject(new RejectedRow(ref, "file larger than " + MAX_FILE_BYTES + " bytes"));
            } else {
                String text = decode(Files.readAllBytes(f));
                if (text == null) {
                    sink.reject(new RejectedRow(ref, "invalid UTF-8"));
                } else if (text.isBlank()) {
                    sink.reject(new RejectedRow(ref, "empty text"));
                } else {
                    sink.accept(new ParsedRow(Conversation.ofText(text), ref, null));
                }
            }
            done += size;
            progress.onProgress(done, total);
        }
    }

    /** The .txt/.md files under a folder, by relative path; or the single file given. */
    static List<Path> files(Path source) throws IOException {
        if (!Files.isDirectory(source)) {
            return List.of(source);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(source)) {
            walk.filter(Files::isRegularFile).filter(TextFolderParser::isText).forEach(out::add);
        }
        out.sort((a, b) -> relative(source, a).compareTo(relative(source, b)));
        return out;
    }

    static boolean isText(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".txt") || n.endsWith(".md");
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    private static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
