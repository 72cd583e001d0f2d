package dev.modelfactory.ledger.store.pipeline;

import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.store.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The workspace's pipeline files, runs and steps (tables {@code pipeline_file}, {@code pipeline_run},
 * {@code pipeline_step}).
 *
 * <p>Life of a run: {@link #start} (RUNNING, every step PENDING) → per step {@link #stepStarted} (RUNNING,
 * with its inputs hash), {@link #appendLog}, {@link #stepEnded} → {@link #setRunStatus}. An approve step
 * stays WAITING with the run until {@link #decide}. A process that dies leaves its run RUNNING;
 * {@link #recoverInterrupted()} (called by whoever holds the workspace lock, on opening) marks it
 * INTERRUPTED. Runs are never deleted. Thread-safe: every call borrows its own connection.
 */
public final class PipelineStore {

    private static final String RUN_COLUMNS = "id, pipeline_name, pipeline_file, pipeline_hash, pipeline_text,"
            + " run_trigger, status, message, started_at, ended_at";
    private static final String STEP_COLUMNS = "run_id, idx, name, kind, status, inputs_hash, inputs_json,"
            + " outputs_json, log_text, message, started_at, ended_at, reused_from, decision, decided_by,"
            + " decision_reason, decided_at";

    private final Database db;

    public PipelineStore(Workspace workspace) {
        this.db = workspace.jdbc();
    }

    /** Remembers a pipeline file (absolute, normalised); known files are listed by {@link #files()}. */
    public void addFile(Path file) {
        String p = file.toAbsolutePath().normalize().toString();
        db.inTransaction("remember pipeline " + p, c -> {
            try (PreparedStatement s = c.prepareStatement("MERGE INTO pipeline_file (path, added_at) KEY (path)"
                    + " SELECT ?, COALESCE((SELECT added_at FROM pipeline_file WHERE path = ?), ?)")) {
                s.setString(1, p);
                s.setString(2, p);
                s.setObject(3, now());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets a pipeline file (its runs stay). */
    public void removeFile(Path file) {
        String p = file.toAbsolutePath().normalize().toString();
        db.withConnection("forget pipeline " + p, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM pipeline_file WHERE path = ?")) {
                s.setString(1, p);
                return s.executeUpdate();
            }
        });
    }

    /** The known pipeline files, oldest first. */
    public List<Path> files() {
        return db.withConnection("list pipeline files", c -> {
            List<Path> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT path FROM pipeline_file ORDER BY added_at, path");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(Path.of(r.getString(1)));
                }
            }
            return out;
        });
    }

    /** Stores a RUNNING run with its steps PENDING. */
    public PipelineRunRecord start(NewPipelineRun run) {
        Objects.requireNonNull(run, "run");
        long id = db.inTransaction("start pipeline run " + run.pipelineName(), c -> {
            long runId;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pipeline_run (pipeline_name, pipeline_file,"
                    + " pipeline_hash, pipeline_text, run_trigger, status, started_at) VALUES (?, ?, ?, ?, ?, 'RUNNING', ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, run.pipelineName());
                s.setString(2, run.file());
                s.setString(3, sha256(run.pipelineText()));
                s.setString(4, run.pipelineText());
                s.setString(5, run.trigger().name());
                s.setObject(6, now());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    runId = keys.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pipeline_step (run_id, idx, name, kind, status,"
                    + " log_text) VALUES (?, ?, ?, ?, 'PENDING', '')")) {
                for (int i = 0; i < run.steps().size(); i++) {
                    s.setLong(1, runId);
                    s.setInt(2, i);
                    s.setString(3, run.steps().get(i).name());
                    s.setString(4, run.steps().get(i).kind());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return runId;
        });
        return run(id).orElseThrow();
    }

    public Optional<PipelineRunRecord> run(long id) {
        return db.withConnection("read pipeline run " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM pipeline_run WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(run(r)) : Optional.empty();
                }
            }
        });
    }

    /** Every run, newest first; {@code pipelineName} null for all pipelines. */
    public List<PipelineRunRecord> runs(String pipelineName) {
        return db.withConnection("list pipeline runs", c -> {
            List<PipelineRunRecord> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM pipeline_run"
                    + (pipelineName == null ? "" : " WHERE pipeline_name = ?") + " ORDER BY id DESC")) {
                if (pipelineName != null) {
                    s.setString(1, pipelineName);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(run(r));
                    }
                }
            }
            return out;
        });
    }

    /** The run's steps in pipeline order. */
    public List<StepRecord> steps(long runId) {
        return db.withConnection("read steps of pipeline run " + runId, c -> steps(c, "run_id = ? ORDER BY idx",
                runId));
    }

    /**
     * Steps of earlier runs of {@code pipelineName} named {@code stepName} that ended SUCCEEDED or SKIPPED with
     * exactly {@code inputsHash}, newest first: the candidates a new run may reuse (if their outputs still exist).
     */
    public List<StepRecord> reusable(String pipelineName, String stepName, String inputsHash) {
        return db.withConnection("find reusable step " + stepName, c -> {
            List<StepRecord> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + prefixed() + " FROM pipeline_step p JOIN"
                    + " pipeline_run r ON r.id = p.run_id WHERE r.pipeline_name = ? AND p.name = ? AND p.inputs_hash = ?"
                    + " AND p.status IN ('SUCCEEDED', 'SKIPPED') ORDER BY p.run_id DESC")) {
                s.setString(1, pipelineName);
                s.setString(2, stepName);
                s.setString(3, inputsHash);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(StepRows.step(r));
                    }
                }
            }
            return out;
        });
    }

    /** The step turns RUNNING with what it reads; a retried step keeps its log and an approval decision. */
    public void stepStarted(long runId, int index, String inputsHash, String inputsJson) {
        update("start step", "UPDATE pipeline_step SET status = 'RUNNING', inputs_hash = ?, inputs_json = ?,"
                + " started_at = ?, ended_at = NULL, message = NULL, reused_from = NULL, outputs_json = NULL"
                + " WHERE run_id = ? AND idx = ?", inputsHash, inputsJson, now(), runId, index);
    }

    /** Appends one line to the step's log. */
    public void appendLog(long runId, int index, String line) {
        update("log step", "UPDATE pipeline_step SET log_text = CONCAT(COALESCE(log_text, ''), ?) WHERE run_id = ?"
                + " AND idx = ?", line.endsWith("\n") ? line : line + "\n", runId, index);
    }

    /** The step ended (or is WAITING) with these outputs; {@code reusedFrom} only for SKIPPED. */
    public void stepEnded(long runId, int index, StepStatus status, List<OutputRef> outputs, String message,
            Long reusedFrom) {
        if (status == StepStatus.RUNNING || status == StepStatus.PENDING) {
            throw new IllegalArgumentException("status: a step ends " + status + "? it must be an ending or WAITING");
        }
        update("end step", "UPDATE pipeline_step SET status = ?, outputs_json = ?, message = ?, reused_from = ?,"
                + " ended_at = ? WHERE run_id = ? AND idx = ?", status.name(), OutputsJson.write(outputs), message,
                reusedFrom, status == StepStatus.WAITING ? null : now(), runId, index);
    }

    /** Skipped without running: inputs recorded, outputs reused from {@code reusedFrom}. */
    public void stepSkipped(long runId, int index, String inputsHash, String inputsJson, List<OutputRef> outputs,
            long reusedFrom, String message) {
        OffsetDateTime t = now();
        update("skip step", "UPDATE pipeline_step SET status = 'SKIPPED', inputs_hash = ?, inputs_json = ?,"
                + " outputs_json = ?, message = ?, reused_from = ?, started_at = ?, ended_at = ? WHERE run_id = ? AND"
                + " idx = ?", inputsHash, inputsJson, OutputsJson.write(outputs), message, reusedFrom, t, t, runId, index);
    }

    /** Sets the run's status; any status but RUNNING records the end time (a resume clears it). */
    public void setRunStatus(long runId, PipelineRunStatus status, String message) {
        update("set pipeline run status", "UPDATE pipeline_run SET status = ?, message = ?, ended_at = ? WHERE id = ?",
                status.name(), message, status == PipelineRunStatus.RUNNING ? null : now(), runId);
    }

    /**
     * Records a person's decision on a WAITING step of a WAITING run.
     *
     * @throws IllegalStateException if the run or the step is not waiting
     */
    public void decide(long runId, int index, Decision decision) {
        db.inTransaction("decide step " + index + " of pipeline run " + runId, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pipeline_step SET decision = ?, decided_by = ?,"
                    + " decision_reason = ?, decided_at = ? WHERE run_id = ? AND idx = ? AND status = 'WAITING' AND"
                    + " (SELECT status FROM pipeline_run WHERE id = ?) = 'WAITING'")) {
                s.setString(1, decision.approved() ? "APPROVED" : "REJECTED");
                s.setString(2, decision.actor());
                s.setString(3, decision.reason());
                s.setObject(4, OffsetDateTime.ofInstant(decision.at(), ZoneOffset.UTC));
                s.setLong(5, runId);
                s.setInt(6, index);
                s.setLong(7, runId);
                if (s.executeUpdate() == 0) {
                    throw new IllegalStateException("pipeline run " + runId + " is not waiting at step " + index);
                }
            }
            return null;
        });
    }

    /** RUNNING runs (and their RUNNING steps) of a process that died become INTERRUPTED; returns how many. */
    public int recoverInterrupted() {
        return db.inTransaction("recover interrupted pipeline runs", c -> {
            try (PreparedStatement steps = c.prepareStatement("UPDATE pipeline_step SET status = 'CANCELLED', message ="
                    + " 'interrupted: the process ended', ended_at = ? WHERE status = 'RUNNING' AND run_id IN"
                    + " (SELECT id FROM pipeline_run WHERE status = 'RUNNING')");
                    PreparedStatement runs = c.prepareStatement("UPDATE pipeline_run SET status = 'INTERRUPTED',"
                            + " message = 'the process running it ended', ended_at = ? WHERE status = 'RUNNING'")) {
                steps.setObject(1, now());
                steps.executeUpdate();
                runs.setObject(1, now());
                return runs.executeUpdate();
            }
        });
    }

    private void update(String what, String sql, Object... args) {
        db.withConnection(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                if (s.executeUpdate() == 0) {
                    throw new IllegalStateException(what + ": no such row");
                }
            }
            return null;
        });
    }

    private static List<StepRecord> steps(Connection c, String where, long runId) throws SQLException {
        List<StepRecord> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + STEP_COLUMNS + " FROM pipeline_step WHERE " + where)) {
            s.setLong(1, runId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(StepRows.step(r));
                }
            }
        }
        return out;
    }

    private static String prefixed() {
        return "p." + STEP_COLUMNS.replace(", ", ", p.");
    }

    private static PipelineRunRecord run(ResultSet r) throws SQLException {
        return new PipelineRunRecord(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                RunTrigger.valueOf(r.getString(6)), PipelineRunStatus.valueOf(r.getString(7)),
                Objects.requireNonNullElse(r.getString(8), ""), StepRows.instant(r, 9).orElseThrow(),
                StepRows.instant(r, 10));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Lowercase hex sha256 of {@code text}'s UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
