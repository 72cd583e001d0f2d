package dev.modelfactory.app.pipelines.spec;

import static dev.modelfactory.app.pipelines.spec.FieldType.BOOLEAN;
import static dev.modelfactory.app.pipelines.spec.FieldType.INTEGER;
import static dev.modelfactory.app.pipelines.spec.FieldType.NUMBER;
import static dev.modelfactory.app.pipelines.spec.FieldType.TEXT;
import static dev.modelfactory.app.pipelines.spec.FieldType.TEXT_LIST;

import java.util.Map;

/**
 * The training config fields a train step takes, as the train config file ({@code train --config}) names them
 * (the engine's {@code TrainingConfigJson} snake_case names); {@code lora} is a mapping of {@link #LORA}
 * fields, or null for full fine-tuning.
 */
public final class TrainFields {

    /** Field name to type, {@code lora} excluded. */
    public static final Map<String, FieldType> CONFIG = Map.ofEntries(
            Map.entry("batch_size", INTEGER), Map.entry("checkpoint_every", INTEGER), Map.entry("epochs", INTEGER),
            Map.entry("eval_every", INTEGER), Map.entry("grad_accum", INTEGER), Map.entry("keep_checkpoints", INTEGER),
            Map.entry("max_steps", INTEGER), Map.entry("seed", INTEGER), Map.entry("seq_len", INTEGER),
            Map.entry("warmup_steps", INTEGER), Map.entry("sample_count", INTEGER), Map.entry("sample_every", INTEGER),
            Map.entry("sample_max_tokens", INTEGER), Map.entry("beta1", NUMBER), Map.entry("beta2", NUMBER),
            Map.entry("eps", NUMBER), Map.entry("explode_grad_norm", NUMBER), Map.entry("learning_rate", NUMBER),
            Map.entry("max_grad_norm", NUMBER), Map.entry("weight_decay", NUMBER), Map.entry("packing", BOOLEAN),
            Map.entry("schedule", TEXT), Map.entry("truncation", TEXT), Map.entry("chat_template", TEXT),
            Map.entry("eval_split", TEXT), Map.entry("train_splits", TEXT_LIST));

    /** The {@code lora} mapping's fields. */
    public static final Map<String, FieldType> LORA = Map.of("rank", INTEGER, "alpha", NUMBER, "dropout", NUMBER,
            "rs_lora", BOOLEAN, "targets", TEXT_LIST);

    private TrainFields() {
    }
}
