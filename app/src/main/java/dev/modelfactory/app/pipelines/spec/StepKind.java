package dev.modelfactory.app.pipelines.spec;

import static dev.modelfactory.app.pipelines.spec.FieldSpec.opt;
import static dev.modelfactory.app.pipelines.spec.FieldSpec.req;
import static dev.modelfactory.app.pipelines.spec.FieldType.BOOLEAN;
import static dev.modelfactory.app.pipelines.spec.FieldType.INTEGER;
import static dev.modelfactory.app.pipelines.spec.FieldType.NUMBER;
import static dev.modelfactory.app.pipelines.spec.FieldType.NUMBER_LIST;
import static dev.modelfactory.app.pipelines.spec.FieldType.REF;
import static dev.modelfactory.app.pipelines.spec.FieldType.SYSTEMS;
import static dev.modelfactory.app.pipelines.spec.FieldType.TEXT;
import static dev.modelfactory.app.pipelines.spec.FieldType.TEXT_LIST;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of step, each with the fields it takes (besides {@code name}) and the outputs it makes. The
 * train step also takes the training config file's fields ({@link TrainFields}). docs/pipelines.md documents
 * each field.
 */
public enum StepKind {
    IMPORT(List.of(opt("file", TEXT), opt("folder", TEXT), opt("pattern", TEXT), req("dataset", TEXT),
            opt("format", TEXT), req("contributor", TEXT), opt("licence", TEXT), opt("uses", TEXT_LIST)),
            List.of("dataset")),
    CHECK(List.of(req("dataset", REF), opt("dedupe", TEXT), opt("pii", BOOLEAN), opt("quality", BOOLEAN),
            opt("near_duplicates", BOOLEAN), opt("min_rows", INTEGER), opt("max_pii_rows", INTEGER),
            opt("max_duplicate_fraction", NUMBER), opt("max_flagged_fraction", NUMBER)), List.of("dataset")),
    FREEZE(List.of(req("dataset", REF), opt("split", NUMBER_LIST), opt("seed", INTEGER), opt("label", TEXT)),
            List.of("version")),
    TRAIN(List.of(req("model", TEXT), req("dataset", REF), opt("threads", INTEGER)), List.of("run", "adapter")),
    EVAL(List.of(req("model", TEXT), opt("dataset", REF), opt("suite", TEXT), req("systems", SYSTEMS),
            opt("metrics", TEXT_LIST), opt("max_tokens", INTEGER), opt("max_items", INTEGER)), List.of("run")),
    GATE(List.of(req("eval", REF), opt("metric", TEXT), opt("system", TEXT), opt("baseline", TEXT), opt("rule", TEXT),
            opt("margin", NUMBER)), List.of("verdict")),
    APPROVE(List.of(opt("message", TEXT), opt("subject", REF)), List.of("approval")),
    ATTEST(List.of(opt("run", REF), opt("eval", REF), opt("dataset", REF), opt("account", TEXT),
            opt("passphrase_env", TEXT), opt("passphrase_file", TEXT)), List.of("records")),
    ANCHOR(List.of(req("rpc", TEXT), req("chain_id", INTEGER), opt("registry", TEXT), opt("account", TEXT),
            opt("passphrase_env", TEXT), opt("passphrase_file", TEXT)), List.of("transactions")),
    EXPORT(List.of(req("format", TEXT), req("out", TEXT), opt("adapter", REF), opt("model", TEXT), opt("type", TEXT),
            opt("dataset", REF), opt("run", REF), opt("trainer_model", TEXT), opt("replace", BOOLEAN)),
            List.of("path"));

    private final List<FieldSpec> fields;
    private final List<String> outputs;

    StepKind(List<FieldSpec> fields, List<String> outputs) {
        this.fields = fields;
        this.outputs = outputs;
    }

    /** The name used in YAML: {@code import}, {@code check}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    public List<String> outputs() {
        return outputs;
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public static Optional<StepKind> of(String id) {
        for (StepKind k : values()) {
            if (k.id().equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The ids, for messages. */
    public static String ids() {
        return String.join(", ", java.util.Arrays.stream(values()).map(StepKind::id).toList());
    }
}
