package dev.modelfactory.app.cli.pipeline;

import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Runs and steps as the {@code pipeline} commands print them for people. */
final class PipelineText {

    private PipelineText() {
    }

    static String runLine(PipelineRunRecord r) {
        return String.format(Locale.ROOT, "%5d  %-20s %-10s %-8s %s  %8s  %s", r.id(), r.pipelineName(),
                PipelineJson.lower(r.status().name()), PipelineJson.lower(r.trigger().name()), r.startedAt()
                        .toString().substring(0, 19), seconds(r.duration()), r.message());
    }

    static String run(PipelineRunRecord r, List<StepRecord> steps, boolean logs) {
        StringBuilder b = new StringBuilder();
        b.append("Run ").append(r.id()).append(" of ").append(r.pipelineName()).append(": ")
                .append(PipelineJson.lower(r.status().name())).append(" in ").append(seconds(r.duration()))
                .append(r.message().isEmpty() ? "" : " (" + r.message() + ")").append('\n');
        for (StepRecord s : steps) {
            b.append(stepLine(s)).append('\n');
            if (logs && !s.log().isBlank()) {
                s.log().lines().forEach(l -> b.append("        | ").append(l).append('\n'));
            }
        }
        return b.toString().stripTrailing();
    }

    static String stepLine(StepRecord s) {
        String outs = s.outputs().stream().map(OutputRef::label).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "  %2d %-10s %-8s %-9s %8s  %s", s.index(), s.name(), s.kind(),
                PipelineJson.lower(s.status().name()), s.duration().map(PipelineText::seconds).orElse(""),
                (outs.isEmpty() ? "" : outs + "  ") + s.message());
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
