/**
 * Executing a pipeline run: step after step, each step's inputs hashed (its fields with references replaced
 * by the referenced outputs' hashes, plus what it reads from outside), a step skipped when an earlier run's
 * step with the same inputs hash made outputs that still exist, everything recorded in the store as it happens.
 */
package dev.modelfactory.app.pipelines.run;
