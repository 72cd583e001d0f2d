package dev.modelfactory.ledger.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

    private static final BlobId ABC = new BlobId("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    @TempDir
    Path dir;
    private BlobStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = new BlobStore(dir.resolve("blobs"), Instant.now());
    }

    @Test
    void idIsTheKnownSha256OfTheBytes() throws Exception {
        BlobId id = store.put("abc".getBytes(UTF_8));

        assertThat(id).isEqualTo(ABC);
        String viaJdk = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("abc".getBytes(UTF_8)));
        assertThat(id.hex()).isEqualTo(viaJdk);
    }

    @Test
    void roundTripsBytesAtTheContentAddress() throws Exception {
        byte[] data = randomBytes(700_000); // several write chunks
        BlobId id = store.put(new ByteArrayInputStream(data));

        assertThat(store.contains(id)).isTrue();
        assertThat(store.size(id)).isEqualTo(data.length);
        try (InputStream in = store.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(store.path(id)).isEqualTo(dir.resolve("blobs/sha256").resolve(id.hex().substring(0, 2))
                .resolve(id.hex().substring(2)));
        assertThat(store.verify(id)).isTrue();
    }

    @Test
    void putOfAFileCopiesItAndReportsProgressAgainstItsSize() throws Exception {
        Path file = Files.write(dir.resolve("model.bin"), randomBytes(600_000));
        List<long[]> reports = new ArrayList<>();

        BlobId id = store.put(file, (done, total) -> reports.add(new long[] {done, total}), CancellationToken.NONE);

        assertThat(Files.readAllBytes(store.path(id))).isEqualTo(Files.readAllBytes(file));
        assertThat(file).exists();
        assertThat(reports).isNotEmpty().allSatisfy(r -> assertThat(r[1]).isEqualTo(600_000));
        assertThat(reports.getLast()[0]).isEqualTo(600_000);
        assertThat(reports).extracting(r -> r[0]).isSorted();
    }

    @Test
    void puttingTheSameContentTwiceIsANoOpWithTheSameId() throws Exception {
        BlobId first = store.put("same".getBytes(UTF_8));
        FileTime written = Files.getLastModifiedTime(store.path(first));
        BlobId second = store.put(new ByteArrayInputStream("same".getBytes(UTF_8)));

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(store.path(first))).isEqualTo(written);
        assertThat(blobFiles()).containsExactly(store.path(first));
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void concurrentPutsOfTheSameContentAgreeAndStoreOneFile() throws Exception {
        byte[] data = randomBytes(300_000);
        List<Callable<BlobId>> puts = Collections.nCopies(4, () -> store.put(data));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<BlobId> ids = new ArrayList<>();
            for (Future<BlobId> f : pool.invokeAll(puts)) {
                ids.add(f.get());
            }
            assertThat(ids).containsOnly(ids.getFirst());
            assertThat(blobFiles()).containsExactly(store.path(ids.getFirst()));
            assertThat(store.verify(ids.getFirst())).isTrue();
            assertThat(tmpFiles()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStreamPutReportsAnUnknownTotal() throws Exception {
        List<Long> totals = new ArrayList<>();
        store.put(new ByteArrayInputStream(randomBytes(1000)), (done, total) -> totals.add(total), CancellationToken.NONE);
        assertThat(totals).containsOnly(ProgressListener.UNKNOWN_TOTAL);
    }

    @Test
    void emptyContentIsABlobToo() throws Exception {
        BlobId id = store.put(new byte[0]);
        assertThat(id.hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(store.size(id)).isZero();
    }

    @Test
    void verifyDetectsACorruptedBlobFile() throws Exception {
        BlobId id = store.put("precious".getBytes(UTF_8));
        Files.write(store.path(id), "precioUs".getBytes(UTF_8));

        assertThat(store.verify(id)).isFalse();
        assertThat(store.verify(ABC)).as("missing blob").isFalse();
    }

    @Test
    void unknownIdsAreReportedAsMissing() {
        assertThat(store.contains(ABC)).isFalse();
        assertThatThrownBy(() -> store.open(ABC)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(ABC.hex());
        assertThatThrownBy(() -> store.size(ABC)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aStreamFailingMidwayLeavesNoBlobAndNoTempFile() throws Exception {
        byte[] data = randomBytes(600_000);
        BlobId wouldBe = BlobId.ofDigest(MessageDigest.getInstance("SHA-256").digest(data));
        InputStream failing = new FailingStream(data, 400_000);

        assertThatThrownBy(() -> store.put(failing)).isInstanceOf(IOException.class).hasMessageContaining("disk gone");

        assertThat(store.contains(wouldBe)).isFalse();
        assertThat(blobFiles()).isEmpty();
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void aCancelledPutLeavesNoBlobAndNoTempFile() throws Exception {
        byte[] data = randomBytes(900_000);
        BlobId wouldBe = BlobId.ofDigest(MessageDigest.getInstance("SHA-256").digest(data));
        long[] seen = {0};
        ProgressListener progress = (done, total) -> seen[0] = done;
        CancellationToken cancelAfterFirstChunk = () -> seen[0] > 0;

        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(data), progress, cancelAfterFirstChunk))
                .isInstanceOf(CancellationException.class);

        assertThat(seen[0]).isPositive().isLessThan(data.length);
        assertThat(store.contains(wouldBe)).isFalse();
        assertThat(blobFiles()).isEmpty();
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void openingRemovesTempFilesOfAnEarlierSessionOnly() throws Exception {
        Path tmp = dir.resolve("blobs/tmp");
        Path crashed = Files.writeString(tmp.resolve("put-1.tmp"), "half a blob");
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Path notOurs = Files.writeString(tmp.resolve("readme.txt"), "kept");
        Path fresh = Files.writeString(tmp.resolve("put-2.tmp"), "being written");
        Files.setLastModifiedTime(fresh, FileTime.from(Instant.parse("2026-06-01T00:00:00Z")));

        new BlobStore(dir.resolve("blobs"), Instant.parse("2026-03-01T00:00:00Z"));

        assertThat(crashed).doesNotExist();
        assertThat(notOurs).exists();
        assertThat(fresh).exists();
        assertThat(blobFiles()).isEmpty();
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("blobs/sha256"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private List<Path> tmpFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("blobs/tmp"))) {
            return files.toList();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    /** Yields {@code data} up to {@code failAt} bytes, then fails like a broken disk or network. */
    private static final class FailingStream extends InputStream {
        private final ByteArrayInputStream in;
        private final int failAt;
        private int read;

        FailingStream(byte[] data, int failAt) {
            this.in = new ByteArrayInputStream(data);
            this.failAt = failAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (read >= failAt) {
                throw new IOException("disk gone");
            }
            int n = in.read(b, off, Math.min(len, failAt - read));
            read += Math.max(n, 0);
            return n;
        }
    }
}
