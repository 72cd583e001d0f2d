package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.app.pipelines.spec.StepKind;

/** The step implementation of each kind. */
public final class Steps {

    private Steps() {
    }

    public static Step of(StepKind kind) {
        return switch (kind) {
            case IMPORT -> new ImportStep();
            case CHECK -> new CheckStep();
            case FREEZE -> new FreezeStep();
            case TRAIN -> new TrainStep();
            case EVAL -> new EvalStep();
            case GATE -> new GateStep();
            case APPROVE -> new ApproveStep();
            case ATTEST -> new AttestStep();
            case ANCHOR -> new AnchorStep();
            case EXPORT -> new ExportStep();
        };
    }
}
