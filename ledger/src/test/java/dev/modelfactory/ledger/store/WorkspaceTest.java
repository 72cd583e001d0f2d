package dev.modelfactory.ledger.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    /** The highest V-number among the migrations this build ships: the SQL files and the Java ones. */
    private static final String LATEST = latestShippedMigration();

    @TempDir
    Path dir;

    @Test
    void migratesAnEmptyFolderToTheLatestSchema() throws Exception {
        Path folder = dir.resolve("new/ws");
        try (Workspace ws = Workspace.open(folder)) {
            assertThat(ws.root()).isEqualTo(folder.toRealPath());
            assertThat(ws.schemaVersion()).isEqualTo(LATEST).isEqualTo(ws.latestKnownSchemaVersion());
            assertThat(tables(ws)).contains("WORKSPACE_INFO", "SETTING", "MODEL", "flyway_schema_history");
            assertThat(ws.info().createdByVersion()).isNotBlank();
            assertThat(ws.holder().pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(ws.blobs().root()).isEqualTo(ws.root().resolve("blobs"));
        }
        assertThat(folder.resolve("workspace.mv.db")).isRegularFile();
        assertThat(folder.resolve("blobs/sha256")).isDirectory();
        assertThat(folder.resolve("blobs/tmp")).isDirectory();
    }

    @Test
    void reopeningKeepsSettingsBlobsAndCreationInfo() throws Exception {
        WorkspaceInfo created;
        BlobId blob;
        try (Workspace ws = Workspace.open(dir)) {
            ws.settings().put("ui.theme", "dark");
            ws.settings().put("ui.theme", "light");
            ws.settings().put("note", "ünïcödé\nand lines");
            blob = ws.blobs().put("kept".getBytes(UTF_8));
            created = ws.info();
        }
        try (Workspace ws = Workspace.open(dir)) {
            assertThat(ws.settings().get("ui.theme")).contains("light");
            assertThat(ws.settings().get("note")).contains("ünïcödé\nand lines");
            assertThat(ws.settings().get("missing")).isEmpty();
            assertThat(ws.blobs().verify(blob)).isTrue();
            assertThat(ws.info()).isEqualTo(created);
            assertThat(ws.schemaVersion()).isEqualTo(LATEST);
        }
    }

    @Test
    void settingKeysAreValidated() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            assertThatThrownBy(() -> ws.settings().put(" ", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ws.settings().get("k".repeat(201))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ws.settings().put("k", null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void aSecondOpenInThisProcessIsRefusedUntilTheFirstCloses() throws Exception {
        Workspace first = Workspace.open(dir);
        first.settings().put("who", "first");

        assertThatThrownBy(() -> Workspace.open(dir))
                .isInstanceOf(WorkspaceLockedException.class)
                .hasMessageContaining(dir.toRealPath().toString())
                .hasMessageContaining("pid " + ProcessHandle.current().pid())
                .hasMessageContaining("Close the other studio")
                .satisfies(e -> assertThat(((WorkspaceLockedException) e).holder()).contains(first.holder()));
        assertThatThrownBy(() -> Workspace.open(dir.resolve("."))).as("same folder, other spelling")
                .isInstanceOf(WorkspaceLockedException.class);
        assertThat(first.settings().get("who")).as("the holder is unaffected").contains("first");

        first.close();
        try (Workspace again = Workspace.open(dir)) {
            assertThat(again.settings().get("who")).contains("first");
        }
    }

    @Test
    void theLockFileNamesTheHolderWhileOpenAndIsClearedOnClose() throws Exception {
        Path lockFile = dir.resolve("workspace.lock");
        try (Workspace ws = Workspace.open(dir)) {
            assertThat(LockHolder.parse(Files.readString(lockFile))).contains(ws.holder());
        }
        assertThat(lockFile).exists().isEmptyFile();
    }

    @Test
    void aStaleLockFileFromAKilledProcessDoesNotBlock() throws Exception {
        long deadPid = deadPid();
        LockHolder ghost = new LockHolder(deadPid, "old-host", Instant.parse("2026-01-01T00:00:00Z"));
        Files.writeString(dir.resolve("workspace.lock"), ghost.toFileText());

        try (Workspace ws = Workspace.open(dir)) {
            assertThat(LockHolder.parse(Files.readString(dir.resolve("workspace.lock")))).contains(ws.holder());
        }
    }

    @Test
    void openingCleansUnfinishedBlobWritesOfAnEarlierSession() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            ws.blobs().put("kept".getBytes(UTF_8));
        }
        Path leftover = Files.writeString(dir.resolve("blobs/tmp/put-123.tmp"), "half a blob");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

        try (Workspace ws = Workspace.open(dir)) {
            assertThat(leftover).doesNotExist();
            assertThat(ws.blobs().contains(BlobId.parse(sha256Of("kept")))).isTrue();
        }
    }

    @Test
    void closingTwiceIsHarmlessAndAClosedWorkspaceRefusesWork() throws Exception {
        Workspace ws = Workspace.open(dir);
        ws.close();
        ws.close();
        assertThatThrownBy(() -> ws.settings().get("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aDatabaseFromANewerBuildIsRefusedAndLeftUntouched() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            ws.jdbc().inTransaction("pretend a newer studio migrated", c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO \"flyway_schema_history\" "
                        + "(\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", "
                        + "\"installed_by\", \"execution_time\", \"success\") VALUES (99, '999.2', 'from the future', "
                        + "'SQL', 'V999_2__from_the_future.sql', 1, 'future', 1, TRUE)")) {
                    return s.executeUpdate();
                }
            });
        }
        Path dbFile = dir.resolve("workspace.mv.db");
        byte[] before = Files.readAllBytes(dbFile);

        assertThatThrownBy(() -> Workspace.open(dir))
                .isInstanceOf(WorkspaceSchemaTooNewException.class)
                .hasMessageContaining("999.2").hasMessageContaining("up to " + LATEST)
                .hasMessageContaining("newer ModelFactory Studio")
                .hasMessageContaining(dir.toRealPath().toString())
                .satisfies(e -> {
                    var tooNew = (WorkspaceSchemaTooNewException) e;
                    assertThat(tooNew.databaseVersion()).isEqualTo("999.2");
                    assertThat(tooNew.latestKnownVersion()).isEqualTo(LATEST);
                });

        assertThat(Files.readAllBytes(dbFile)).isEqualTo(before);
        assertThatThrownBy(() -> Workspace.open(dir)).as("the refusal released the lock")
                .isInstanceOf(WorkspaceSchemaTooNewException.class);
        assertThat(Files.readAllBytes(dbFile)).isEqualTo(before);
    }

    private static List<String> tables(Workspace ws) {
        return ws.jdbc().withConnection("list tables", c -> {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            return names;
        });
    }

    private static String sha256Of(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
    }

    /** A pid no live process has: one above the current maximum that is not in use. */
    private static long deadPid() {
        long pid = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 1000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }

    private static String latestShippedMigration() {
        try (var files = Files.list(Path.of(WorkspaceTest.class.getResource("/db/migration").toURI()))) {
            int sql = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max().orElseThrow();
            int java = Migrations.JAVA_MIGRATIONS.stream().mapToInt(m -> Integer.parseInt(m.getVersion().getVersion()))
                    .max().orElse(0);
            return String.valueOf(Math.max(sql, java));
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list the migrations", e);
        }
    }
}
