/**
 * {@code pipeline}: validate, run, resume, approve and watch workflow pipelines, and list runs and their steps,
 * over {@link dev.modelfactory.app.pipelines.PipelineService} (the service the studio's Pipelines page uses).
 */
package dev.modelfactory.app.cli.pipeline;
