package dev.modelfactory.ledger.store.run;

import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.store.Workspace;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sample generations of training runs (table {@code training_sample}), beside {@link RunStore}'s
 * curves. A step's samples are written in one transaction, replacing what that step had (a resumed run
 * repeats the steps after its checkpoint). Thread-safe: every call borrows its own connection.
 */
public final class RunSampleStore {

    private final Database db;

    public RunSampleStore(Workspace workspace) {
        this.db = Objects.requireNonNull(workspace, "workspace").jdbc();
    }

    /** Stores one step's samples of a run (all with the same step), replacing that step's earlier ones. */
    public void record(long runId, List<RunSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        long step = samples.getFirst().step();
        if (samples.stream().anyMatch(s -> s.step() != step)) {
            throw new IllegalArgumentException("samples: all of one call must share a step (first is " + step + ")");
        }
        db.inTransaction("record samples of run " + runId + " at step " + step, c -> {
            try (PreparedStatement run = c.prepareStatement("SELECT 1 FROM training_run WHERE id = ?")) {
                run.setLong(1, runId);
                try (ResultSet rs = run.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no run with id " + runId);
                    }
                }
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM training_sample WHERE run_id = ? AND step = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO training_sample (run_id, step, idx, prompt,"
                            + " output, reference) VALUES (?, ?, ?, ?, ?, ?)")) {
                del.setLong(1, runId);
                del.setLong(2, step);
                del.executeUpdate();
                for (RunSample s : samples) {
                    ins.setLong(1, runId);
                    ins.setLong(2, s.step());
                    ins.setInt(3, s.index());
                    ins.setString(4, s.prompt());
                    ins.setString(5, s.output());
                    ins.setString(6, s.reference());
                    ins.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Every sample of a run, by step then prompt index. */
    public List<RunSample> samples(long runId) {
        return db.withConnection("read samples of run " + runId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT step, idx, prompt, output, reference FROM"
                    + " training_sample WHERE run_id = ? ORDER BY step, idx")) {
                s.setLong(1, runId);
                List<RunSample> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RunSample(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }
}
