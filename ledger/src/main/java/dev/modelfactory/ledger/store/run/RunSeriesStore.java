package dev.modelfactory.ledger.store.run;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Per-contributor and per-tag loss curves of training runs (tables {@code training_series},
 * {@code training_series_point}), beside {@link RunStore}'s overall curves. A run {@link #define}s its series
 * when it starts, then {@link #record}s points in batches, one transaction each, as its metrics are; a
 * point for a step already stored replaces it (a resumed run repeats the steps after its checkpoint, and
 * {@link #dropAfter} clears them first). Thread-safe: every call borrows its own connection.
 */
public final class RunSeriesStore {

    private final Database db;

    public RunSeriesStore(Workspace workspace) {
        this.db = Objects.requireNonNull(workspace, "workspace").jdbc();
    }

    /** Stores (or updates the row counts of) a run's series, in one transaction. */
    public void define(long runId, List<RunSeries> series) {
        db.inTransaction("define loss series of run " + runId, c -> {
            requireRun(c, runId);
            try (PreparedStatement m = c.prepareStatement("MERGE INTO training_series (run_id, kind, series_key,"
                    + " train_rows, eval_rows) KEY (run_id, kind, series_key) VALUES (?, ?, ?, ?, ?)")) {
                for (RunSeries s : series) {
                    m.setLong(1, runId);
                    m.setString(2, s.kind().name());
                    m.setString(3, s.key());
                    m.setLong(4, s.trainRows());
                    m.setLong(5, s.evalRows());
                    m.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Stores points of a run's series in one transaction, each replacing the point its series had at that
     * step.
     *
     * @throws IllegalArgumentException if a point's series was not {@link #define}d for the run
     */
    public void record(long runId, List<SeriesPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        db.inTransaction("record loss series of run " + runId, c -> {
            requireRun(c, runId);
            try (PreparedStatement m = c.prepareStatement("MERGE INTO training_series_point (run_id, kind,"
                    + " series_key, step, train_loss, train_tokens, eval_loss, eval_tokens)"
                    + " KEY (run_id, kind, series_key, step) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (SeriesPoint p : points) {
                    m.setLong(1, runId);
                    m.setString(2, p.kind().name());
                    m.setString(3, p.key());
                    m.setLong(4, p.step());
                    setDouble(m, 5, p.trainLoss());
                    m.setLong(6, p.trainTokens());
                    setDouble(m, 7, p.evalLoss());
                    m.setLong(8, p.evalTokens());
                    try {
                        m.executeUpdate();
                    } catch (SQLException e) {
                        if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                            throw new IllegalArgumentException("run " + runId + " has no " + p.kind() + " series '"
                                    + p.key() + "'", e);
                        }
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    /** Removes the points after {@code step} (a run resuming from its checkpoint at {@code step}). */
    public void dropAfter(long runId, long step) {
        db.inTransaction("drop loss series of run " + runId + " after step " + step, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM training_series_point WHERE run_id = ? AND step > ?")) {
                s.setLong(1, runId);
                s.setLong(2, step);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** A run's series: contributors by training rows (most first, {@code (others)} last), then tags by name. */
    public List<RunSeries> series(long runId) {
        return db.withConnection("read loss series of run " + runId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT kind, series_key, train_rows, eval_rows FROM"
                    + " training_series WHERE run_id = ? ORDER BY kind, CASE WHEN series_key = ? THEN 1 ELSE 0 END,"
                    + " CASE WHEN kind = 'TAG' THEN 0 ELSE -train_rows END, series_key")) {
                s.setLong(1, runId);
                s.setString(2, RunSeries.OTHERS);
                List<RunSeries> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RunSeries(SeriesKind.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3),
                                rs.getLong(4)));
                    }
                }
                return out;
            }
        });
    }

    /** Every point of a run's series, by kind, key, then step. */
    public List<SeriesPoint> points(long runId) {
        return db.withConnection("read loss series points of run " + runId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT kind, series_key, step, train_loss, train_tokens,"
                    + " eval_loss, eval_tokens FROM training_series_point WHERE run_id = ?"
                    + " ORDER BY kind, series_key, step")) {
                s.setLong(1, runId);
                List<SeriesPoint> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SeriesPoint(SeriesKind.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3),
                                optDouble(rs, 4), rs.getLong(5), optDouble(rs, 6), rs.getLong(7)));
                    }
                }
                return out;
            }
        });
    }

    private static void requireRun(Connection c, long runId) throws SQLException {
        try (PreparedStatement run = c.prepareStatement("SELECT 1 FROM training_run WHERE id = ?")) {
            run.setLong(1, runId);
            try (ResultSet rs = run.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no run with id " + runId);
                }
            }
        }
    }

    private static void setDouble(PreparedStatement s, int i, OptionalDouble v) throws SQLException {
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
}
