package dev.modelfactory.app.handoff;

/** The bundle's README.md: what is in it, how to launch it on a multi-GPU node, how to bring the result back. */
final class BundleReadme {

    private BundleReadme() {
    }

    /** The single-node launch command (all GPUs of the node). */
    static String launch(TrainerFormat f) {
        return f == TrainerFormat.LLAMAFACTORY ? "FORCE_TORCHRUN=1 llamafactory-cli train " + f.configFile()
                : "accelerate launch -m axolotl.cli.train " + f.configFile();
    }

    static String text(TrainerFormat f, Provenance p) {
        StringBuilder b = new StringBuilder();
        Provenance.Dataset d = p.dataset();
        b.append("# Job bundle: ").append(p.baseModel().name()).append(" on ").append(d.name()).append(" for ")
                .append(f.displayName()).append("\n\n");
        b.append("Exported by ").append(p.createdBy()).append(". Dataset version `").append(d.versionRoot())
                .append("`: ").append(d.trainRows()).append(" training rows, ").append(d.validationRows())
                .append(" validation rows. Left out: ").append(d.excludedNotAllowedForTraining())
                .append(" rows whose contributor does not allow training, ").append(d.testRowsHeldOut())
                .append(" test rows (held out), ").append(d.noAssistantTurnRows()).append(" rows without an assistant"
                        + " turn, ").append(d.skippedByFormatRows()).append(" rows the format cannot express.\n");
        b.append("Studio config sha256 `").append(p.config().sha256()).append("`; base model sha256 `")
                .append(p.baseModel().sha256()).append("`; see provenance.json.\n\n");
        b.append("## Files\n\n- `").append(f.configFile()).append("`: the trainer config (hyperparameters equal to"
                + " the studio config; the mapping is in the studio's docs/handoff.md)\n");
        b.append(f == TrainerFormat.LLAMAFACTORY ? "- `data/dataset_info.json`, `data/*.jsonl`: ShareGPT rows\n"
                : "- `data/*.jsonl`: OpenAI-style `messages` rows for `type: chat_template`\n");
        b.append("- `provenance.json`: dataset version, contributors and allowed uses, base model, config hash\n\n");
        b.append("## Launch (run from this folder)\n\n```sh\n");
        if (f == TrainerFormat.LLAMAFACTORY) {
            b.append("# one node, every GPU (LLaMA-Factory starts torchrun itself)\n")
                    .append(launch(f)).append("\n")
                    .append("# several nodes: the same on each node with its rank\n")
                    .append("FORCE_TORCHRUN=1 NNODES=2 NODE_RANK=0 MASTER_ADDR=10.0.0.1 MASTER_PORT=29500 llamafactory-cli train ")
                    .append(f.configFile()).append("\n")
                    .append("# DeepSpeed ZeRO-3 (large bases): add to ").append(f.configFile()).append("\n")
                    .append("#   deepspeed: examples/deepspeed/ds_z3_config.json   (from the LLaMA-Factory repository)\n");
        } else {
            b.append("# one node, every GPU\n").append(launch(f)).append("\n")
                    .append("# or with torchrun (8 GPUs)\n")
                    .append("torchrun --nproc_per_node 8 -m axolotl.cli.train ").append(f.configFile()).append("\n")
                    .append("# DeepSpeed ZeRO-3 (large bases): `axolotl fetch deepspeed_configs`, then add to ")
                    .append(f.configFile()).append("\n#   deepspeed: deepspeed_configs/zero3_bf16.json\n");
        }
        b.append("```\n\n");
        b.append("## Before you launch\n\n");
        b.append("- The batch size is per device: on N GPUs the effective batch is N times the studio's. To keep the"
                + " studio's, divide `gradient_accumulation_steps` by N (when it divides).\n");
        b.append("- The studio trains in F32; the trainers do too unless you add `bf16: true`, which changes the"
                + " numerics (and the curves) slightly.\n");
        for (String w : p.warnings()) {
            b.append("- ").append(w).append('\n');
        }
        if (!p.unmapped().isEmpty()) {
            b.append("\n## Studio fields ").append(f.displayName()).append(" cannot express\n\n");
            for (Unmapped u : p.unmapped()) {
                b.append("- `").append(u.field()).append("` = ").append(u.value()).append(": ").append(u.reason())
                        .append('\n');
            }
        }
        b.append("\n## Bring the result back\n\n")
                .append("Copy `").append(TrainerConfigs.OUTPUT_DIR).append("/` (adapter_config.json, adapter_model.safetensors,")
                .append(" trainer_state.json) back into this folder, then on the workstation:\n\n```sh\n")
                .append("./modelfactory adapter import BUNDLE/").append(TrainerConfigs.OUTPUT_DIR)
                .append(" --from-run BUNDLE   # a run with its curves, linked to this dataset version and config\n```\n");
        return b.toString();
    }
}
