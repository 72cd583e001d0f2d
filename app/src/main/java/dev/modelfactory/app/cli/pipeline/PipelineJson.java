package dev.modelfactory.app.cli.pipeline;

import dev.modelfactory.app.pipelines.Validation;
import dev.modelfactory.app.pipelines.ValidationProblem;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs, steps and validations as the JSON the {@code pipeline} commands print with {@code --json}. */
final class PipelineJson {

    private PipelineJson() {
    }

    static Map<String, Object> run(PipelineRunRecord r, List<StepRecord> steps, boolean logs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("id", r.id());
        m.put("pipeline", r.pipelineName());
        m.put("file", r.file());
        m.put("pipelineHash", r.pipelineHash());
        m.put("trigger", lower(r.trigger().name()));
        m.put("status", lower(r.status().name()));
        m.put("message", r.message());
        m.put("startedAt", r.startedAt().toString());
        m.put("endedAt", r.endedAt().map(Object::toString).orElse(null));
        m.put("durationMs", r.duration().toMillis());
        if (steps != null) {
            List<Map<String, Object>> s = new ArrayList<>();
            steps.forEach(x -> s.add(step(x, logs)));
            m.put("steps", s);
        }
        return m;
    }

    static Map<String, Object> step(StepRecord s, boolean logs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", s.index());
        m.put("name", s.name());
        m.put("kind", s.kind());
        m.put("status", lower(s.status().name()));
        m.put("message", s.message());
        m.put("inputsHash", s.inputsHash());
        m.put("durationMs", s.duration().map(java.time.Duration::toMillis).orElse(null));
        m.put("reusedFrom", s.reusedFrom().orElse(null));
        List<Map<String, Object>> outs = new ArrayList<>();
        for (OutputRef o : s.outputs()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", o.name());
            x.put("kind", lower(o.kind().name()));
            x.put("ref", o.ref());
            x.put("hash", o.hash());
            x.put("label", o.label());
            outs.add(x);
        }
        m.put("outputs", outs);
        s.decision().ifPresent(d -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("approved", d.approved());
            x.put("by", d.actor());
            x.put("reason", d.reason());
            x.put("at", d.at().toString());
            m.put("decision", x);
        });
        if (logs) {
            m.put("log", s.log());
        }
        return m;
    }

    static Map<String, Object> validation(Validation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", v.valid());
        m.put("file", v.file().toString());
        m.put("name", v.name());
        m.put("valid", v.valid());
        List<Map<String, Object>> steps = new ArrayList<>();
        v.steps().forEach(s -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", s.name());
            x.put("kind", s.kind());
            x.put("line", s.line());
            x.put("dependsOn", s.dependsOn());
            x.put("outputs", s.outputs());
            steps.add(x);
        });
        m.put("steps", steps);
        v.schedule().ifPresent(d -> m.put("scheduleSeconds", d.toSeconds()));
        v.watchFolder().ifPresent(f -> m.put("watchFolder", f.toString()));
        List<Map<String, Object>> problems = new ArrayList<>();
        for (ValidationProblem p : v.problems()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("file", p.file());
            x.put("line", p.line());
            x.put("field", p.field());
            x.put("message", p.message());
            problems.add(x);
        }
        m.put("problems", problems);
        return m;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
