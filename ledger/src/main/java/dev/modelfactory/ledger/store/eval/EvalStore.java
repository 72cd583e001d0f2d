package dev.modelfactory.ledger.store.eval;

import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.store.Workspace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The workspace's evaluation suites, runs and outputs (tables {@code eval_suite}, {@code eval_run},
 * {@code eval_output}).
 *
 * <p>Suites are versioned by content: {@link #saveSuite} returns the existing version when a version of
 * that name already has the same description and tasks, else stores version (latest + 1). A run is saved
 * only once finished, with all its outputs, in one transaction ({@link #saveRun}): a failed or cancelled
 * job leaves nothing behind. Nothing here is ever updated or deleted. Thread-safe: every call borrows its
 * own connection.
 */
public final class EvalStore {

    private static final String SUITE_COLUMNS = "id, name, version, description, tasks_json, content_hash, task_count,"
            + " item_count, created_at";
    private static final String RUN_SELECT = "SELECT r.id, s.name, s.version, r.model_name, r.model_hash,"
            + " r.decoding_json, r.systems_json, r.started_at, r.finished_at,"
            + " (SELECT COUNT(*) FROM eval_output o WHERE o.run_id = r.id)"
            + " FROM eval_run r JOIN eval_suite s ON s.id = r.suite_id ";

    private final Database db;

    public EvalStore(Workspace workspace) {
        this.db = workspace.jdbc();
    }

    /** Stores {@code suite} as a new version of its name, or returns the version that has the same content. */
    public SuiteRecord saveSuite(NewSuite suite) {
        Objects.requireNonNull(suite, "suite");
        String hash = Fields.sha256(suite.description() + "\n" + suite.tasksJson());
        long id = db.inTransaction("save suite " + suite.name(), c -> {
            List<SuiteRecord> same = selectSuites(c, "WHERE name = ? AND content_hash = ? ORDER BY version DESC",
                    suite.name(), hash);
            if (!same.isEmpty()) {
                return same.getFirst().id();
            }
            int version = 1;
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(version) FROM eval_suite WHERE name = ?")) {
                s.setString(1, suite.name());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        version = rs.getInt(1) + 1;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO eval_suite (name, version, description,"
                    + " tasks_json, content_hash, task_count, item_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, suite.name());
                s.setInt(2, version);
                s.setString(3, suite.description());
                s.setString(4, suite.tasksJson());
                s.setString(5, hash);
                s.setInt(6, suite.tasks());
                s.setInt(7, suite.items());
                s.setObject(8, OffsetDateTime.now(ZoneOffset.UTC));
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return db.withConnection("read suite " + id, c -> selectSuites(c, "WHERE id = ?", id)).getFirst();
    }

    /** Every suite version, newest first. */
    public List<SuiteRecord> suites() {
        return db.withConnection("list suites", c -> selectSuites(c, "ORDER BY created_at DESC, id DESC"));
    }

    public Optional<SuiteRecord> suite(String name, int version) {
        return db.withConnection("read suite " + name + "@" + version,
                c -> selectSuites(c, "WHERE name = ? AND version = ?", name, version)).stream().findFirst();
    }

    /** The highest version of {@code name}. */
    public Optional<SuiteRecord> latestSuite(String name) {
        return db.withConnection("read suite " + name,
                c -> selectSuites(c, "WHERE name = ? ORDER BY version DESC", name)).stream().findFirst();
    }

    /**
     * Stores a finished run and all its outputs in one transaction.
     *
     * @throws IllegalArgumentException if the suite version does not exist, an output names a system the run
     *                                  does not have, or two outputs are for the same system, task and item
     *                                  (nothing is stored then)
     */
    public EvalRunRecord saveRun(NewEvalRun run, List<StoredOutput> outputs) {
        Objects.requireNonNull(run, "run");
        Set<String> labels = new HashSet<>();
        run.systems().forEach(s -> labels.add(s.label()));
        Set<List<String>> keys = new HashSet<>();
        for (StoredOutput o : outputs) {
            if (!labels.contains(o.system())) {
                throw new IllegalArgumentException("output of item " + o.itemId() + ": system " + o.system()
                        + " is not one of the run's systems " + labels);
            }
            if (!keys.add(List.of(o.system(), o.task(), o.itemId()))) {
                throw new IllegalArgumentException("outputs: two for system " + o.system() + ", task " + o.task()
                        + ", item " + o.itemId());
            }
        }
        long id = db.inTransaction("save evaluation run of " + run.suiteName(), c -> {
            SuiteRecord suite = selectSuites(c, "WHERE name = ? AND version = ?", run.suiteName(), run.suiteVersion())
                    .stream().findFirst().orElseThrow(() -> new IllegalArgumentException("suite: no suite "
                            + run.suiteName() + "@" + run.suiteVersion()));
            long runId;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO eval_run (suite_id, model_name, model_hash,"
                    + " decoding_json, systems_json, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, suite.id());
                s.setString(2, run.modelName());
                s.setString(3, run.modelHash());
                s.setString(4, run.decodingJson());
                s.setString(5, Fields.systemsJson(run.systems()));
                s.setObject(6, run.startedAt().atOffset(ZoneOffset.UTC));
                s.setObject(7, run.finishedAt().atOffset(ZoneOffset.UTC));
                s.executeUpdate();
                try (ResultSet k = s.getGeneratedKeys()) {
                    k.next();
                    runId = k.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO eval_output (run_id, system, task, item_id,"
                    + " output, scores_json, tokens) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (StoredOutput o : outputs) {
                    s.setLong(1, runId);
                    s.setString(2, o.system());
                    s.setString(3, o.task());
                    s.setString(4, o.itemId());
                    s.setString(5, o.output());
                    s.setString(6, Fields.scoresJson(o.scores()));
                    s.setInt(7, o.tokens());
                    s.addBatch();
                    if (++pending == 500) {
                        s.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    s.executeBatch();
                }
            }
            return runId;
        });
        return run(id).orElseThrow();
    }

    public Optional<EvalRunRecord> run(long runId) {
        return db.withConnection("read evaluation run " + runId, c -> selectRuns(c, "WHERE r.id = ?", runId))
                .stream().findFirst();
    }

    /** Every run, newest first. */
    public List<EvalRunRecord> runs() {
        return db.withConnection("list evaluation runs", c -> selectRuns(c, "ORDER BY r.finished_at DESC, r.id DESC"));
    }

    /** A run's outputs by system (in the run's order of systems is the caller's business), task and item id. */
    public List<StoredOutput> outputs(long runId) {
        return db.withConnection("read outputs of evaluation run " + runId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT system, task, item_id, output, scores_json, tokens"
                    + " FROM eval_output WHERE run_id = ? ORDER BY system, task, item_id")) {
                s.setLong(1, runId);
                List<StoredOutput> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredOutput(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Fields.scores(rs.getString(5)), rs.getInt(6)));
                    }
                }
                return out;
            }
        });
    }

    private static List<SuiteRecord> selectSuites(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + SUITE_COLUMNS + " FROM eval_suite " + where)) {
            bind(s, params);
            List<SuiteRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new SuiteRecord(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8), instant(rs, 9)));
                }
            }
            return out;
        }
    }

    private static List<EvalRunRecord> selectRuns(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(RUN_SELECT + where)) {
            bind(s, params);
            List<EvalRunRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new EvalRunRecord(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), Fields.systems(rs.getString(7)), instant(rs, 8),
                            instant(rs, 9), rs.getInt(10)));
                }
            }
            return out;
        }
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        return rs.getObject(i, OffsetDateTime.class).toInstant();
    }
}
