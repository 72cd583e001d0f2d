package dev.modelfactory.studio.finetune;

import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.studio.training.DeviceInfo;
import dev.modelfactory.studio.training.RunPlan;
import dev.modelfactory.studio.ui.PageLayout;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The plan of the run about to start, and the reasons a plan cannot start. */
final class PlanView extends VBox {

    /** A plan with the device it was made for. */
    record Planned(RunPlan plan, DeviceInfo device) {
    }

    private long deviceMemory;

    PlanView() {
        setId("finetune-plan-view");
        getChildren().setAll(new Label("Press Plan (or Start) to work out rows, tokens, steps and memory."));
    }

    long deviceMemory() {
        return deviceMemory;
    }

    void show(RunPlan p, DeviceInfo device, TrainingConfig c) {
        deviceMemory = device.memoryBytes();
        String whose = p.excludedBy().isEmpty() ? "none" : p.excludedRows() + " rows: " + p.excludedBy().stream()
                .map(e -> e.contributor() + " (" + e.rows() + ")").collect(Collectors.joining(", "));
        String fits = device.memoryBytes() <= 0 ? "device memory unknown"
                : p.memoryBytes() <= device.memoryBytes() ? "fits in " + bytes(device.memoryBytes())
                : "does NOT fit in " + bytes(device.memoryBytes());
        getChildren().setAll(PageLayout.panel(
                PageLayout.propertyRow("Model", p.modelName(), "plan-model", false),
                PageLayout.propertyRow("Dataset", p.dataset() + " @ " + shortRoot(p.versionRoot()), "plan-dataset", true),
                PageLayout.propertyRow("Rows", p.trainRows() + " train \u00b7 " + p.validationRows() + " eval \u00b7 "
                        + p.testRows() + " in other splits (held out) \u00b7 " + p.skippedRows() + " without a response",
                        "plan-rows", false),
                PageLayout.propertyRow("Excluded by permission", whose, "plan-excluded", false),
                PageLayout.propertyRow("Tokens", p.trainTokens() + " (" + p.lossTokens() + " in the loss)"
                        + (p.droppedExamples() > 0 ? " \u00b7 " + p.droppedExamples() + " examples dropped" : ""),
                        "plan-tokens", false),
                PageLayout.propertyRow("Steps", p.stepsPerEpoch() + " per epoch \u00b7 " + p.totalSteps() + " in all",
                        "plan-steps", false),
                PageLayout.propertyRow("Memory", bytes(p.memoryBytes()) + " = weights " + bytes(p.weightsBytes())
                        + " + activations " + bytes(p.activationsBytes()) + " + optimiser " + bytes(p.optimiserBytes())
                        + " \u00b7 " + fits, "plan-memory", false),
                PageLayout.propertyRow("Trainable parameters", String.format(Locale.ROOT, "%,d", p.trainableParameters())
                        + (c.lora() == null ? " (full fine-tuning)" : " (LoRA rank " + c.lora().rank() + ")"),
                        "plan-params", false),
                PageLayout.propertyRow("Device", device.description(), "plan-device", false)));
    }

    /** Why this plan cannot start, or null when it can. */
    static String refusal(RunPlan p, TrainingConfig c, long deviceMemory) {
        if (p.trainRows() == 0 || p.totalSteps() == 0) {
            return "Nothing to train on: the plan has no training step.";
        }
        if (deviceMemory > 0 && p.memoryBytes() > deviceMemory) {
            return "The run needs about " + bytes(p.memoryBytes()) + " but the device has " + bytes(deviceMemory)
                    + ": lower batch_size, seq_len or the LoRA rank.";
        }
        if (c.warmupSteps() >= p.totalSteps()) {
            return "warmup_steps: " + c.warmupSteps() + " is not below the run's " + p.totalSteps()
                    + " steps: it would never reach its learning rate.";
        }
        return null;
    }

    static String bytes(long b) {
        double v = b;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? b + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String shortRoot(String root) {
        return root.length() > 12 ? root.substring(0, 12) : root;
    }
}
