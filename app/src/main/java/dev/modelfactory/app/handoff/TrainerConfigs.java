package dev.modelfactory.app.handoff;

import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.data.TruncationPolicy;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The studio config as LLaMA-Factory or Axolotl keys (the table in docs/handoff.md). Every field of the
 * canonical config JSON is either carried by named trainer keys ({@link TrainerConfig#mapped()}) or
 * reported ({@link TrainerConfig#unmapped()}). Numbers are written as plain decimals of their shortest
 * form (floats through their float form), so {@code 2e-4} reads back as the same double and YAML 1.1
 * parsers (PyYAML) do not take {@code 1e-8} for a string.
 */
public final class TrainerConfigs {

    /** Where the bundle keeps its files, relative to the bundle folder (the trainer runs from there). */
    public static final String DATA_DIR = "data";
    public static final String TRAIN_FILE = "train.jsonl";
    public static final String VALIDATION_FILE = "validation.jsonl";
    public static final String OUTPUT_DIR = "output";
    /** LLaMA-Factory's dataset names in data/dataset_info.json. */
    public static final String LF_TRAIN = "studio_train";
    public static final String LF_VALIDATION = "studio_validation";

    private TrainerConfigs() {
    }

    /**
     * @param trainerModel  the base model as the trainer loads it (a Hugging Face folder or hub id)
     * @param modelTemplate true when the model carries its own chat template (the studio renders with it),
     *                      false when the studio falls back to its built-in ChatML
     * @param hasValidation whether the bundle has validation rows (eval loss)
     */
    public static TrainerConfig of(TrainerFormat format, TrainingConfig c, String trainerModel, boolean modelTemplate,
            boolean hasValidation) {
        Builder b = new Builder();
        boolean lf = format == TrainerFormat.LLAMAFACTORY;
        LoraConfig lora = c.lora();
        if (lf) {
            b.fixed("model_name_or_path", trainerModel).fixed("stage", "sft").fixed("do_train", true)
                    .fixed("finetuning_type", lora == null ? "full" : "lora");
        } else {
            b.fixed("base_model", trainerModel);
        }
        if (lora != null) {
            b.put("lora.rank", lf ? "lora_rank" : "lora_r", lora.rank());
            b.put("lora.alpha", "lora_alpha", alpha(lora.alpha()));
            b.put("lora.dropout", "lora_dropout", decimal(lora.dropout()));
            List<String> targets = lora.targets().stream().map(LoraTarget::peftName).sorted().toList();
            b.put("lora.targets", lf ? "lora_target" : "lora_target_modules", lf ? String.join(",", targets) : targets);
            b.put("lora.rs_lora", lf ? "use_rslora" : "peft_use_rslora", lora.rsLora());
            if (!lf) {
                b.fixed("adapter", "lora");
            }
        }
        data(b, format, modelTemplate, hasValidation);
        b.put("seq_len", lf ? "cutoff_len" : "sequence_len", c.seqLen());
        if (lf) {
            // neat_packing packs without attention across samples, as the studio's packing does
            b.put("packing", "packing", c.packing()).also("packing", "neat_packing", c.packing());
        } else {
            b.put("packing", "sample_packing", c.packing()).also("packing", "pad_to_sequence_len", c.packing());
        }
        b.put("batch_size", lf ? "per_device_train_batch_size" : "micro_batch_size", c.batchSize());
        b.put("grad_accum", "gradient_accumulation_steps", c.gradAccum());
        b.put("epochs", lf ? "num_train_epochs" : "num_epochs", c.epochs());
        if (c.maxSteps() > 0) {
            b.put("max_steps", "max_steps", c.maxSteps());
        } else {
            b.mappedOnly("max_steps", lf ? "max_steps" : "max_steps", "0: not written, the trainer runs the epochs");
        }
        b.fixed(lf ? "optim" : "optimizer", "adamw_torch");
        b.put("learning_rate", "learning_rate", decimal(c.learningRate()));
        b.put("schedule", lf ? "lr_scheduler_type" : "lr_scheduler", schedule(c.schedule()));
        b.put("warmup_steps", "warmup_steps", c.warmupSteps());
        b.put("weight_decay", "weight_decay", decimal(c.weightDecay()));
        b.put("beta1", "adam_beta1", decimal(c.beta1()));
        b.put("beta2", "adam_beta2", decimal(c.beta2()));
        b.put("eps", "adam_epsilon", decimal(c.eps()));
        b.put("max_grad_norm", "max_grad_norm", decimal(c.maxGradNorm()));
        b.put("seed", "seed", c.seed());
        b.fixed("output_dir", OUTPUT_DIR).fixed("logging_steps", 1);
        if (c.checkpointEvery() > 0) {
            b.fixed("save_strategy", "steps");
            b.put("checkpoint_every", "save_steps", c.checkpointEvery());
        } else {
            // the final adapter is always saved; no intermediate checkpoints, as in the studio
            b.put("checkpoint_every", "save_strategy", "no");
        }
        b.put("keep_checkpoints", "save_total_limit", c.keepCheckpoints());
        if (hasValidation && c.evalEvery() > 0) {
            if (lf) {
                b.fixed("per_device_eval_batch_size", c.batchSize()).fixed("eval_strategy", "steps");
            }
            b.put("eval_every", "eval_steps", c.evalEvery());
        } else if (hasValidation) {
            b.unmapped("eval_every", "0", "evaluation at the end only has no trainer key; run the trainer's"
                    + " evaluation on the validation set after training");
        } else {
            b.unmapped("eval_every", Integer.toString(c.evalEvery()), "the version has no validation rows: no eval loss");
        }
        b.unmapped("truncation", c.truncation() == TruncationPolicy.DROP ? "drop" : "keep_start",
                lf ? "LLaMA-Factory truncates a too-long example itself (prompt and response shares of cutoff_len),"
                        + " it neither drops it nor keeps exactly its first cutoff_len tokens"
                        : "Axolotl's handling of examples longer than sequence_len depends on its version (it drops"
                        + " them by default); no key is written");
        b.unmapped("explode_grad_norm", plain(c.explodeGradNorm()), "neither trainer stops on a gradient-norm"
                + " explosion threshold (nor on a NaN loss): check the imported curves" + (c.explodeGradNorm() == 0 ? " (off in the studio config too)" : ""));
        if (lora == null) {
            b.mappedOnly("lora", lf ? "finetuning_type" : "adapter", "null: full fine-tuning");
        }
        if (lf) {
            b.fixed("report_to", "none"); // Axolotl reports nowhere unless a wandb_*/mlflow_* key is set
        }
        return new TrainerConfig(b.keys, b.mapped, b.unmapped);
    }

    private static void data(Builder b, TrainerFormat format, boolean modelTemplate, boolean hasValidation) {
        if (format == TrainerFormat.LLAMAFACTORY) {
            b.fixed("dataset", LF_TRAIN);
            if (hasValidation) {
                b.fixed("eval_dataset", LF_VALIDATION);
            }
            b.fixed("dataset_dir", DATA_DIR);
            if (!modelTemplate) {
                b.fixed("template", "chatml");
            }
            // absent template: LLaMA-Factory parses the tokenizer's own chat template, as the studio uses it
            b.fixed("train_on_prompt", false).fixed("mask_history", false).fixed("overwrite_cache", true);
        } else {
            b.fixed("chat_template", modelTemplate ? "tokenizer_default" : "chatml");
            b.fixed("datasets", List.of(axolotlDataset(TRAIN_FILE)));
            if (hasValidation) {
                b.fixed("test_datasets", List.of(axolotlDataset(VALIDATION_FILE)));
            }
            b.fixed("val_set_size", 0).fixed("train_on_inputs", false).fixed("dataset_prepared_path", "prepared");
        }
    }

    private static Map<String, Object> axolotlDataset(String file) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", DATA_DIR + "/" + file);
        d.put("ds_type", "json");
        d.put("split", "train");
        d.put("type", "chat_template");
        d.put("field_messages", "messages");
        d.put("message_property_mappings", Map.of("role", "role", "content", "content"));
        d.put("roles_to_train", List.of("assistant"));
        d.put("train_on_eos", "turn");
        return d;
    }

    /** Transformers' scheduler names; the studio's constant schedule warms up like constant_with_warmup. */
    static String schedule(ScheduleKind k) {
        return switch (k) {
            case CONSTANT -> "constant_with_warmup";
            case LINEAR -> "linear";
            case COSINE -> "cosine";
        };
    }

    /** An integral alpha as an int (both trainers type it int); otherwise the float's decimal. */
    private static Object alpha(float a) {
        return a == Math.rint(a) && Math.abs(a) < 1e9 ? (Object) (int) a : decimal(a);
    }

    static BigDecimal decimal(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros();
    }

    static BigDecimal decimal(float v) {
        return new BigDecimal(Float.toString(v)).stripTrailingZeros();
    }

    private static String plain(double v) {
        return decimal(v).toPlainString();
    }

    /** Collects keys, the studio field each carries, and the unmapped fields. */
    private static final class Builder {
        final Map<String, Object> keys = new LinkedHashMap<>();
        final Map<String, List<String>> mapped = new LinkedHashMap<>();
        final List<Unmapped> unmapped = new ArrayList<>();

        Builder fixed(String key, Object value) {
            keys.put(key, value);
            return this;
        }

        Builder put(String field, String key, Object value) {
            keys.put(key, value);
            mapped.computeIfAbsent(field, f -> new ArrayList<>()).add(key);
            return this;
        }

        Builder also(String field, String key, Object value) {
            return put(field, key, value);
        }

        /** The field is expressed by the trainer's default (the key is left out on purpose). */
        Builder mappedOnly(String field, String key, String why) {
            mapped.computeIfAbsent(field, f -> new ArrayList<>()).add(key + " (" + why + ")");
            return this;
        }

        Builder unmapped(String field, String value, String reason) {
            unmapped.add(new Unmapped(field, value, reason));
            return this;
        }
    }
}
