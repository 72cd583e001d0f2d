package dev.modelfactory.app.pipelines.spec;

import dev.modelfactory.engine.eval.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks one step's fields: known, typed, required, references to earlier steps, and per-kind rules. */
final class StepChecks {

    static final List<String> DEDUPE = List.of("none", "exact", "near", "both");
    static final List<String> EXPORT_FORMATS = List.of("peft", "gguf", "hf", "llamafactory", "axolotl");
    static final List<String> GATE_RULES = List.of("beats", "not_worse");

    private final StepKind kind;
    private final YNode.YMap fields;
    private final String path;
    private final Map<String, StepKind> earlier;
    private final Set<String> deps;
    private final PipelineParser.Report report;
    private final int stepLine;

    StepChecks(StepKind kind, int stepLine, YNode.YMap fields, String path, Map<String, StepKind> earlier,
            Set<String> deps, PipelineParser.Report report) {
        this.kind = kind;
        this.stepLine = stepLine;
        this.fields = fields;
        this.path = path;
        this.earlier = earlier;
        this.deps = deps;
        this.report = report;
    }

    void check() {
        for (Map.Entry<String, YNode> e : fields.entries().entrySet()) {
            String key = e.getKey();
            String field = path + "." + key;
            if (key.equals("name")) {
                continue;
            }
            var spec = kind.field(key);
            if (spec.isPresent()) {
                if (FieldChecks.check(e.getValue(), spec.get().type(), (l, m) -> report.problem(l, field, m))) {
                    references(e.getValue(), spec.get().type(), field);
                }
            } else if (kind == StepKind.TRAIN && TrainFields.CONFIG.containsKey(key)) {
                FieldChecks.check(e.getValue(), TrainFields.CONFIG.get(key), (l, m) -> report.problem(l, field, m));
            } else if (kind == StepKind.TRAIN && key.equals("lora")) {
                lora(e.getValue(), field);
            } else {
                List<String> known = new ArrayList<>(kind.fields().stream().map(FieldSpec::name).toList());
                known.add("name");
                if (kind == StepKind.TRAIN) {
                    known.addAll(TrainFields.CONFIG.keySet());
                    known.add("lora");
                }
                report.problem(fields.lineOf(key), field, "unknown field (known: " + FieldChecks.known(known) + ")");
            }
        }
        for (FieldSpec f : kind.fields()) {
            if (f.required() && fields.get(f.name()) == null) {
                report.problem(stepLine, path + "." + f.name(), "required (" + f.type().expected() + ")");
            }
        }
        rules();
    }

    private void lora(YNode n, String field) {
        if (n instanceof YNode.YScalar s && s.isNull()) {
            return; // full fine-tuning
        }
        if (!(n instanceof YNode.YMap m)) {
            report.problem(n.line(), field, "expected a mapping (rank, alpha, targets, dropout, rs_lora) or null for"
                    + " full fine-tuning, got " + FieldChecks.describe(n));
            return;
        }
        m.entries().forEach((k, v) -> {
            FieldType t = TrainFields.LORA.get(k);
            if (t == null) {
                report.problem(m.lineOf(k), field + "." + k, "unknown field (known: "
                        + FieldChecks.known(List.copyOf(TrainFields.LORA.keySet())) + ")");
            } else {
                FieldChecks.check(v, t, (l, msg) -> report.problem(l, field + "." + k, msg));
            }
        });
    }

    private void references(YNode n, FieldType type, String field) {
        if (type == FieldType.REF) {
            ref(((YNode.YScalar) n).text(), n.line(), field);
        } else if (type == FieldType.SYSTEMS) {
            ((YNode.YMap) n).entries().forEach((label, v) -> {
                String t = ((YNode.YScalar) v).text().strip();
                if (!t.equals("base") && !t.equals("best")) {
                    ref(t, v.line(), field + "." + label);
                }
            });
        }
    }

    private void ref(String text, int line, String field) {
        Refs.StepRef r = Refs.stepRef(text).orElseThrow();
        StepKind from = earlier.get(r.step());
        if (from == null) {
            report.problem(line, field, "no earlier step named '" + r.step() + "' (a step reads outputs of the steps"
                    + " before it)");
        } else if (!from.outputs().contains(r.output())) {
            report.problem(line, field, "step '" + r.step() + "' (" + from.id() + ") has no output '" + r.output()
                    + "' (it has: " + String.join(", ", from.outputs()) + ")");
        } else {
            deps.add(r.step());
        }
    }

    private void rules() {
        switch (kind) {
            case IMPORT -> {
                if ((fields.get("file") == null) == (fields.get("folder") == null)) {
                    report.problem(stepLine, path, "give exactly one of file (one file) or folder (every file in it"
                            + " matching pattern)");
                }
            }
            case CHECK -> {
                oneOf("dedupe", DEDUPE);
                fraction("max_duplicate_fraction");
                fraction("max_flagged_fraction");
                nonNegative("max_pii_rows");
                nonNegative("min_rows");
            }
            case FREEZE -> {
                YNode s = fields.get("split");
                if (s instanceof YNode.YList l && l.items().stream().allMatch(i -> i instanceof YNode.YScalar x
                        && FieldChecks.number(x))) {
                    double sum = l.items().stream().mapToDouble(FieldChecks::numberValue).sum();
                    if (l.items().size() != 3 || Math.abs(sum - 1) > 1e-6
                            || l.items().stream().anyMatch(i -> FieldChecks.numberValue(i) < 0)) {
                        report.problem(s.line(), path + ".split", "expected three shares [train, validation, test]"
                                + " of at least 0 adding up to 1");
                    }
                }
            }
            case EVAL -> {
                if (fields.get("dataset") == null && fields.get("suite") == null) {
                    report.problem(stepLine, path, "give dataset (a suite is made from the version's TEST split)"
                            + " or suite (a stored suite's name)");
                }
                metrics("metrics");
                positive("max_tokens");
                positive("max_items");
            }
            case GATE -> {
                oneOf("rule", GATE_RULES);
                metrics("metric");
            }
            case EXPORT -> {
                oneOf("format", EXPORT_FORMATS);
                String f = fields.get("format") instanceof YNode.YScalar s ? s.text().strip() : "";
                if (List.of("peft", "gguf", "hf").contains(f) && fields.get("adapter") == null) {
                    report.problem(stepLine, path + ".adapter", "required for format " + f);
                }
                if (List.of("gguf", "hf", "llamafactory", "axolotl").contains(f) && fields.get("model") == null) {
                    report.problem(stepLine, path + ".model", "required for format " + f);
                }
                if (List.of("llamafactory", "axolotl").contains(f) && fields.get("dataset") == null) {
                    report.problem(stepLine, path + ".dataset", "required for format " + f);
                }
            }
            case ATTEST -> {
                if (fields.get("run") == null && fields.get("eval") == null && fields.get("dataset") == null) {
                    report.problem(stepLine, path, "give at least one of run, eval, dataset: what to sign");
                }
            }
            default -> {
            }
        }
    }

    private void oneOf(String key, List<String> allowed) {
        if (fields.get(key) instanceof YNode.YScalar s && !s.isNull() && !allowed.contains(s.text().strip())) {
            report.problem(s.line(), path + "." + key, "expected one of " + String.join(", ", allowed) + ", got '"
                    + s.text() + "'");
        }
    }

    private void metrics(String key) {
        YNode n = fields.get(key);
        List<YNode> items = n instanceof YNode.YList l ? l.items() : n == null ? List.of() : List.of(n);
        for (YNode i : items) {
            if (i instanceof YNode.YScalar s && !s.isNull()) {
                try {
                    Metric.of(s.text().strip());
                } catch (IllegalArgumentException e) {
                    report.problem(s.line(), path + "." + key, e.getMessage());
                }
            }
        }
    }

    private void fraction(String key) {
        if (fields.get(key) instanceof YNode.YScalar s && FieldChecks.number(s)) {
            double v = FieldChecks.numberValue(s);
            if (!(v >= 0 && v <= 1)) {
                report.problem(s.line(), path + "." + key, "expected a fraction between 0 and 1, got " + s.text());
            }
        }
    }

    private void nonNegative(String key) {
        if (fields.get(key) instanceof YNode.YScalar s && FieldChecks.integer(s) && FieldChecks.numberValue(s) < 0) {
            report.problem(s.line(), path + "." + key, "expected 0 or more, got " + s.text());
        }
    }

    private void positive(String key) {
        if (fields.get(key) instanceof YNode.YScalar s && FieldChecks.integer(s) && FieldChecks.numberValue(s) < 1) {
            report.problem(s.line(), path + "." + key, "expected 1 or more, got " + s.text());
        }
    }
}
