package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.ledger.store.pipeline.Decision;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;

/**
 * {@code approve}: the run waits here until a person approves or rejects (studio buttons, or
 * {@code pipeline approve RUN [--reject --reason R]}); approved, the run continues on resume; rejected, it
 * fails with the reason. A later run whose approve step has the same inputs (the same subject) reuses the
 * approval.
 */
final class ApproveStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        if (ctx.decision().isEmpty()) {
            String msg = ctx.text("message").orElse("approve to continue");
            ctx.log("waiting for approval: " + msg + ctx.input("subject").map(o -> " (" + o.label() + ")").orElse("")
                    + "; pipeline approve " + ctx.runId() + " [--reject --reason R], then pipeline resume " + ctx.runId());
            return StepResult.waiting(msg);
        }
        Decision d = ctx.decision().get();
        String line = (d.approved() ? "approved" : "rejected") + " by " + d.actor() + (d.reason().isBlank() ? ""
                : ": " + d.reason());
        ctx.log(line);
        if (!d.approved()) {
            throw new StepFailedException(line);
        }
        return StepResult.done(line, new OutputRef("approval", OutputKind.APPROVAL, d.actor(), Hashes.of("approval",
                ctx.inputsHash(), d.actor(), d.at().toString()), line));
    }
}
