package dev.modelfactory.ledger.store.run;

import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.store.Workspace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The workspace's training runs (tables {@code training_run}, {@code training_metric}).
 *
 * <p>Life of a run: {@link #start} (RUNNING) → {@link #record} metric points as they come and
 * {@link #checkpointed} after each checkpoint → {@link #finish} with its outcome. A process that dies
 * leaves its run RUNNING; {@link #recoverInterrupted()}, called when the app opens the workspace (which a
 * single process holds), marks such runs INTERRUPTED. {@link #resume} continues one from its checkpoint,
 * dropping the points recorded after it, since the resumed run records those steps again. Runs are never
 * deleted. Thread-safe: every call borrows its own connection.
 */
public final class RunStore {

    private static final String RUN_COLUMNS = "id, name, base_model, dataset_name, dataset_version, config_json,"
            + " config_hash, seed, engine_version, device, started_at, ended_at, outcome, message, adapter_hash,"
            + " checkpoint_dir, checkpoint_step";
    private static final String METRIC_COLUMNS = "step, epoch, elapsed_ms, train_loss, eval_loss, lr, grad_norm,"
            + " tokens_per_s, memory_bytes";

    private final Database db;

    public RunStore(Workspace workspace) {
        this.db = workspace.jdbc();
    }

    /**
     * Stores a new RUNNING run.
     *
     * @throws IllegalArgumentException if {@code configHash} is not the sha256 of {@code configJson}
     */
    public RunRecord start(NewRun run) {
        Objects.requireNonNull(run, "run");
        String actual = sha256(run.configJson());
        if (!actual.equals(run.configHash())) {
            throw new IllegalArgumentException("configHash: " + run.configHash()
                    + " is not the sha256 of the config JSON (" + actual + ")");
        }
        long id = db.inTransaction("start run " + run.name(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO training_run (name, base_model, dataset_name,"
                    + " dataset_version, config_json, config_hash, seed, engine_version, device, started_at, outcome)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING')", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, run.name());
                s.setString(2, run.baseModel());
                s.setString(3, run.datasetName());
                s.setString(4, run.datasetVersion());
                s.setString(5, run.configJson());
                s.setString(6, run.configHash());
                s.setLong(7, run.seed());
                s.setString(8, run.engineVersion());
                s.setString(9, run.device());
                s.setObject(10, OffsetDateTime.now(ZoneOffset.UTC));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return get(id).orElseThrow();
    }

    /**
     * Records metric points of a RUNNING run in one transaction. A point for a step already stored fills
     * in the metrics it has and keeps the others (train and eval points of one step merge).
     *
     * @throws IllegalStateException if the run is not RUNNING (a finished run's curves are final)
     */
    public void record(long runId, List<MetricPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        db.inTransaction("record metrics of run " + runId, c -> {
            requireRunning(c, runId);
            try (PreparedStatement update = c.prepareStatement("UPDATE training_metric SET epoch = ?, elapsed_ms = ?,"
                    + " train_loss = COALESCE(?, train_loss), eval_loss = COALESCE(?, eval_loss),"
                    + " lr = COALESCE(?, lr), grad_norm = COALESCE(?, grad_norm),"
                    + " tokens_per_s = COALESCE(?, tokens_per_s), memory_bytes = COALESCE(?, memory_bytes)"
                    + " WHERE run_id = ? AND step = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO training_metric (run_id, "
                            + METRIC_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (MetricPoint p : points) {
                    update.setDouble(1, p.epoch());
                    update.setLong(2, p.elapsedMillis());
                    setMetrics(update, 3, p);
                    update.setLong(9, runId);
                    update.setLong(10, p.step());
                    if (update.executeUpdate() == 0) {
                        insert.setLong(1, runId);
                        insert.setLong(2, p.step());
                        insert.setDouble(3, p.epoch());
                        insert.setLong(4, p.elapsedMillis());
                        setMetrics(insert, 5, p);
                        insert.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /** Notes that the run's state at {@code step} is saved in {@code checkpointDir}. */
    public void checkpointed(long runId, String checkpointDir, long step) {
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        db.inTransaction("note checkpoint of run " + runId, c -> {
            requireRunning(c, runId);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE training_run SET checkpoint_dir = ?, checkpoint_step = ? WHERE id = ?")) {
                s.setString(1, checkpointDir);
                s.setLong(2, step);
                s.setLong(3, runId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Ends a RUNNING run.
     *
     * @param adapterHash the sha256 of the adapter it produced, if any
     * @throws IllegalArgumentException if {@code outcome} is RUNNING or INTERRUPTED (those are not endings a
     *                                  caller reports)
     * @throws IllegalStateException    if the run is not RUNNING
     */
    public RunRecord finish(long runId, RunOutcome outcome, String message, String adapterHash) {
        if (outcome == RunOutcome.RUNNING || outcome == RunOutcome.INTERRUPTED) {
            throw new IllegalArgumentException("outcome: a run ends COMPLETED, STOPPED or FAILED, not " + outcome);
        }
        if (adapterHash != null) {
            NewRun.requireHash("adapterHash", adapterHash);
        }
        db.inTransaction("finish run " + runId, c -> {
            requireRunning(c, runId);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE training_run SET outcome = ?, message = ?, adapter_hash = ?, ended_at = ? WHERE id = ?")) {
                s.setString(1, outcome.name());
                s.setString(2, message);
                s.setString(3, adapterHash);
                s.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                s.setLong(5, runId);
                s.executeUpdate();
            }
            return null;
        });
        return get(runId).orElseThrow();
    }

    /**
     * Marks every RUNNING run INTERRUPTED. Call once when the app opens the workspace: the workspace lock
     * guarantees no other process is training in it, so a RUNNING run there belongs to a dead process.
     *
     * @return how many runs were marked
     */
    public int recoverInterrupted() {
        return db.inTransaction("mark interrupted runs", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE training_run SET outcome = 'INTERRUPTED',"
                    + " message = 'the process ended while the run was training', ended_at = ?"
                    + " WHERE outcome = 'RUNNING'")) {
                s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                return s.executeUpdate();
            }
        });
    }

    /**
     * Makes a resumable run RUNNING again from its last checkpoint and drops the metric points after that
     * checkpoint's step (the resumed run records them again).
     *
     * @throws IllegalStateException if the run is not {@link RunRecord#resumable()}
     */
    public RunRecord resume(long runId) {
        db.inTransaction("resume run " + runId, c -> {
            RunRecord run = select(c, "WHERE id = ?", runId).stream().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no run with id " + runId));
            if (!run.resumable()) {
                throw new IllegalStateException("run " + runId + " cannot be resumed: it is " + run.outcome()
                        + (run.checkpointDir().isEmpty() ? " and has no checkpoint" : ""));
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM training_metric WHERE run_id = ? AND step > ?")) {
                s.setLong(1, runId);
                s.setLong(2, run.checkpointStep().orElse(0));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE training_run SET outcome = 'RUNNING',"
                    + " message = NULL, ended_at = NULL, adapter_hash = NULL WHERE id = ?")) {
                s.setLong(1, runId);
                s.executeUpdate();
            }
            return null;
        });
        return get(runId).orElseThrow();
    }

    public Optional<RunRecord> get(long runId) {
        return db.withConnection("read run " + runId, c -> select(c, "WHERE id = ?", runId)).stream().findFirst();
    }

    /** Every run, newest first. */
    public List<RunRecord> list() {
        return db.withConnection("list runs", c -> select(c, "ORDER BY started_at DESC, id DESC"));
    }

    /** The run's points with step > {@code afterStep}, by step (pass -1 for all). */
    public List<MetricPoint> metrics(long runId, long afterStep) {
        return db.withConnection("read metrics of run " + runId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + METRIC_COLUMNS
                    + " FROM training_metric WHERE run_id = ? AND step > ? ORDER BY step")) {
                s.setLong(1, runId);
                s.setLong(2, afterStep);
                List<MetricPoint> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MetricPoint(rs.getLong(1), rs.getDouble(2), rs.getLong(3), optDouble(rs, 4),
                                optDouble(rs, 5), optDouble(rs, 6), optDouble(rs, 7), optDouble(rs, 8),
                                optLong(rs, 9)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Stores a run trained elsewhere (a cluster trainer's result brought back), already COMPLETED, with its
     * curves, in one transaction. {@code beforeCommit} gets the new run's id inside the transaction (to put
     * the run's files in place); if it throws, nothing is stored.
     *
     * @param points metric points with distinct steps
     * @throws IllegalArgumentException if {@code configHash} is not the sha256 of {@code configJson}, or two
     *                                  points share a step
     */
    public RunRecord importFinished(NewRun run, List<MetricPoint> points, String message, String adapterHash,
            java.util.function.LongConsumer beforeCommit) {
        Objects.requireNonNull(run, "run");
        String actual = sha256(run.configJson());
        if (!actual.equals(run.configHash())) {
            throw new IllegalArgumentException("configHash: " + run.configHash()
                    + " is not the sha256 of the config JSON (" + actual + ")");
        }
        if (adapterHash != null) {
            NewRun.requireHash("adapterHash", adapterHash);
        }
        if (points.stream().map(MetricPoint::step).distinct().count() != points.size()) {
            throw new IllegalArgumentException("points: two metric points share a step");
        }
        long id = db.inTransaction("import run " + run.name(), c -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            long runId;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO training_run (name, base_model, dataset_name,"
                    + " dataset_version, config_json, config_hash, seed, engine_version, device, started_at, ended_at,"
                    + " outcome, message, adapter_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'COMPLETED', ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, run.name());
                s.setString(2, run.baseModel());
                s.setString(3, run.datasetName());
                s.setString(4, run.datasetVersion());
                s.setString(5, run.configJson());
                s.setString(6, run.configHash());
                s.setLong(7, run.seed());
                s.setString(8, run.engineVersion());
                s.setString(9, run.device());
                s.setObject(10, now);
                s.setObject(11, now);
                s.setString(12, message);
                s.setString(13, adapterHash);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    runId = keys.getLong(1);
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO training_metric (run_id, "
                    + METRIC_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (MetricPoint p : points) {
                    insert.setLong(1, runId);
                    insert.setLong(2, p.step());
                    insert.setDouble(3, p.epoch());
                    insert.setLong(4, p.elapsedMillis());
                    setMetrics(insert, 5, p);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            beforeCommit.accept(runId);
            return runId;
        });
        return get(id).orElseThrow();
    }

    private static void requireRunning(Connection c, long runId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT outcome FROM training_run WHERE id = ?")) {
            s.setLong(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no run with id " + runId);
                }
                if (!RunOutcome.RUNNING.name().equals(rs.getString(1))) {
                    throw new IllegalStateException("run " + runId + " is " + rs.getString(1) + ", not RUNNING");
                }
            }
        }
    }

    private static void setMetrics(PreparedStatement s, int first, MetricPoint p) throws SQLException {
        setOpt(s, first, p.trainLoss());
        setOpt(s, first + 1, p.evalLoss());
        setOpt(s, first + 2, p.learningRate());
        setOpt(s, first + 3, p.gradNorm());
        setOpt(s, first + 4, p.tokensPerSecond());
        if (p.memoryBytes().isPresent()) {
            s.setLong(first + 5, p.memoryBytes().getAsLong());
        } else {
            s.setNull(first + 5, Types.BIGINT);
        }
    }

    private static void setOpt(PreparedStatement s, int i, OptionalDouble v) throws SQLException {
        if (v.isPresent()) {
            s.setDouble(i, v.getAsDouble());
        } else {
            s.setNull(i, Types.DOUBLE);
        }
    }

    private static OptionalDouble optDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static OptionalLong optLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static List<RunRecord> select(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM training_run " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<RunRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    NewRun spec = new NewRun(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10));
                    OffsetDateTime ended = rs.getObject(12, OffsetDateTime.class);
                    long step = rs.getLong(17);
                    OptionalLong checkpointStep = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(step);
                    out.add(new RunRecord(rs.getLong(1), spec, rs.getObject(11, OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(ended).map(OffsetDateTime::toInstant),
                            RunOutcome.valueOf(rs.getString(13)), Optional.ofNullable(rs.getString(14)),
                            Optional.ofNullable(rs.getString(15)), Optional.ofNullable(rs.getString(16)),
                            checkpointStep));
                }
            }
            return out;
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
