package dev.modelfactory.engine.attribution.influence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sketch files and manifest: round trip, and refusal (naming the file) of truncated or corrupt files. */
class SketchStoreTest {

    private static final SketchLayout LAYOUT = new SketchLayout(99, List.of(new SketchLayout.Module("a", 50, 7),
            new SketchLayout.Module("b", 9, 9)));

    private static float[][] write(Path dir, int rows) {
        SplittableRandom r = new SplittableRandom(rows);
        float[][] data = new float[rows][LAYOUT.totalDims()];
        SketchManifest.CheckpointSketch cp;
        try (SketchWriter w = new SketchWriter(SketchStore.fileFor(dir, 12), rows, LAYOUT.totalDims())) {
            for (float[] row : data) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) r.nextGaussian();
                }
                w.write(row);
            }
            cp = w.finish(12, 2.5e-4);
        }
        List<SketchManifest.Row> rowsMeta = java.util.stream.IntStream.range(0, rows)
                .mapToObj(i -> new SketchManifest.Row(100 + i, "hash" + i, i % 2 == 0 ? "alice" : "")).toList();
        SketchStore.writeManifest(dir, new SketchManifest(SketchManifest.FORMAT, "run 1", LAYOUT, List.of(cp), rowsMeta));
        return data;
    }

    @Test
    void roundTrip(@TempDir Path dir) throws Exception {
        float[][] data = write(dir, 33);
        try (SketchSet set = SketchStore.open(dir)) {
            SketchManifest m = set.manifest();
            assertThat(m.layout()).isEqualTo(LAYOUT);
            assertThat(m.rows()).hasSize(33);
            assertThat(m.rows().get(3)).isEqualTo(new SketchManifest.Row(103, "hash3", ""));
            assertThat(m.checkpoints().getFirst().step()).isEqualTo(12);
            assertThat(m.checkpoints().getFirst().learningRate()).isEqualTo(2.5e-4);
            SketchMatrix g = set.matrices().getFirst();
            float[] row = new float[LAYOUT.totalDims()];
            for (int i = 0; i < 33; i++) {
                g.row(i, row);
                assertThat(row).containsExactly(data[i]);
                assertThat(g.get(i, 5)).isEqualTo(data[i][5]);
            }
        }
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(SketchStore.MANIFEST,
                    "checkpoint-00000012.sketch");
        }
    }

    @Test
    void corruptFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        write(dir, 20);
        Path file = SketchStore.fileFor(dir, 12);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(SketchMatrix.HEADER + 41);
            int b = f.read();
            f.seek(SketchMatrix.HEADER + 41);
            f.write(b ^ 0x10);
        }
        assertThatThrownBy(() -> SketchStore.open(dir)).isInstanceOf(SketchFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("corrupt");
    }

    @Test
    void truncatedFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        write(dir, 20);
        Path file = SketchStore.fileFor(dir, 12);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 4);
        }
        assertThatThrownBy(() -> SketchStore.open(dir)).isInstanceOf(SketchFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @Test
    void missingOrBrokenManifestIsRefused(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> SketchStore.open(dir)).isInstanceOf(SketchFormatException.class)
                .hasMessageContaining(dir.resolve(SketchStore.MANIFEST).toString());
        write(dir, 5);
        Files.writeString(dir.resolve(SketchStore.MANIFEST), "{\"format\": 1, \"layout\": ");
        assertThatThrownBy(() -> SketchStore.open(dir)).isInstanceOf(SketchFormatException.class)
                .hasMessageContaining(SketchStore.MANIFEST);
    }

    @Test
    void anUnfinishedWriteLeavesNoFile(@TempDir Path dir) throws Exception {
        try (SketchWriter w = new SketchWriter(SketchStore.fileFor(dir, 1), 3, 4)) {
            w.write(new float[4]);
        }
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }
}
