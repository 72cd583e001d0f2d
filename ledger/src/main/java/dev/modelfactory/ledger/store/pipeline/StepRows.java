package dev.modelfactory.ledger.store.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/** Reads {@code pipeline_step} rows (columns in PipelineStore's STEP_COLUMNS order). */
final class StepRows {

    private StepRows() {
    }

    static StepRecord step(ResultSet r) throws SQLException {
        long reused = r.getLong(13);
        Optional<Long> reusedFrom = r.wasNull() ? Optional.empty() : Optional.of(reused);
        String decision = r.getString(14);
        Optional<Decision> d = decision == null ? Optional.empty() : Optional.of(new Decision(
                decision.equals("APPROVED"), r.getString(15), r.getString(16), instant(r, 17).orElseThrow()));
        return new StepRecord(r.getLong(1), r.getInt(2), r.getString(3), r.getString(4),
                StepStatus.valueOf(r.getString(5)), r.getString(6), Objects.requireNonNullElse(r.getString(7), ""),
                OutputsJson.read(r.getString(8)), Objects.requireNonNullElse(r.getString(9), ""),
                Objects.requireNonNullElse(r.getString(10), ""), instant(r, 11), instant(r, 12), reusedFrom, d);
    }

    static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
        return Optional.ofNullable(r.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
