/**
 * What each step kind does, over the existing services (datasets, training, evaluation, wallet and ledger,
 * hand-off): {@link dev.modelfactory.app.pipelines.steps.Step} reads its fields through a
 * {@link dev.modelfactory.app.pipelines.steps.StepContext}, reports extra inputs to hash (file contents, model
 * hashes), and returns typed output references; {@link dev.modelfactory.app.pipelines.steps.OutputChecks} says
 * whether a recorded output still exists, which is what lets a later run skip the step.
 */
package dev.modelfactory.app.pipelines.steps;
