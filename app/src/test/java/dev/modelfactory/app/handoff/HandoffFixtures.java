package dev.modelfactory.app.handoff;

import dev.modelfactory.engine.adapter.AdapterTensor;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A cluster trainer's output made in the test: a PEFT folder written by our own PeftAdapter save (what
 * PEFT writes: adapter_config.json + adapter_model.safetensors) and a trainer_state.json in the
 * Transformers Trainer's format (log_history with training logs, evaluations and the closing summary).
 */
public final class HandoffFixtures {

    /** The tiny test model: dim 32, 2 layers, 4 heads, 2 KV heads (head dim 8, KV width 16). */
    public static final int DIM = 32;
    public static final int KV = 16;

    private HandoffFixtures() {
    }

    public static PeftAdapter adapter(LoraConfig lora, String baseName, int dim, int kv) {
        Random rnd = new Random(5);
        Map<String, AdapterTensor> t = new HashMap<>();
        for (int layer = 0; layer < 2; layer++) {
            for (LoraTarget target : lora.targets()) {
                int out = target == LoraTarget.K || target == LoraTarget.V ? kv : dim;
                t.put(target.peftKey(layer, true), tensor(rnd, lora.rank(), dim));
                t.put(target.peftKey(layer, false), tensor(rnd, out, lora.rank()));
            }
        }
        return new PeftAdapter(new PeftAdapterConfig(lora, baseName), t);
    }

    public static LoraConfig qv(int rank, float alpha) {
        return new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V), rank, alpha, 0f, false);
    }

    private static AdapterTensor tensor(Random rnd, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian() * 0.01f;
        }
        return new AdapterTensor(new int[] {rows, cols}, v);
    }

    /** Four steps, eval at 2 and 4, a NaN grad norm at step 3, and the closing summary. */
    public static void trainerState(Path dir) throws IOException {
        Files.writeString(dir.resolve("trainer_state.json"), """
                {
                  "best_global_step": null,
                  "best_metric": null,
                  "best_model_checkpoint": null,
                  "epoch": 2.0,
                  "eval_steps": 2,
                  "global_step": 4,
                  "is_hyper_param_search": false,
                  "is_local_process_zero": true,
                  "is_world_process_zero": true,
                  "log_history": [
                    {"epoch": 0.5, "grad_norm": 1.8125, "learning_rate": 0.0002, "loss": 2.75, "step": 1},
                    {"epoch": 1.0, "grad_norm": 1.5, "learning_rate": 0.00015, "loss": 2.25, "step": 2},
                    {"epoch": 1.0, "eval_loss": 2.125, "eval_runtime": 0.0912, "eval_samples_per_second": 54.8,
                     "eval_steps_per_second": 10.96, "step": 2},
                    {"epoch": 1.5, "grad_norm": NaN, "learning_rate": 0.0001, "loss": 1.875, "step": 3},
                    {"epoch": 2.0, "grad_norm": 1.25, "learning_rate": 5e-05, "loss": 1.5, "step": 4},
                    {"epoch": 2.0, "eval_loss": 1.625, "eval_runtime": 0.0871, "eval_samples_per_second": 57.4,
                     "eval_steps_per_second": 11.48, "step": 4},
                    {"epoch": 2.0, "step": 4, "total_flos": 1583.0, "train_loss": 2.09375, "train_runtime": 3.2113,
                     "train_samples_per_second": 9.965, "train_steps_per_second": 1.246}
                  ],
                  "logging_steps": 1,
                  "max_steps": 4,
                  "num_input_tokens_seen": 0,
                  "num_train_epochs": 2,
                  "save_steps": 500,
                  "stateful_callbacks": {"TrainerControl": {"args": {"should_epoch_stop": false,
                    "should_evaluate": false, "should_log": false, "should_save": true,
                    "should_training_stop": true}, "attributes": {}}},
                  "total_flos": 1583.0,
                  "train_batch_size": 4,
                  "trial_name": null,
                  "trial_params": null
                }
                """);
    }
}
