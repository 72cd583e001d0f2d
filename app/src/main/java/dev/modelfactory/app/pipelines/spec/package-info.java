/**
 * The pipeline file: a YAML reader that keeps line numbers ({@link dev.modelfactory.app.pipelines.spec.YamlTree}),
 * the step kinds and their fields ({@link dev.modelfactory.app.pipelines.spec.StepKind}), and the parser that
 * checks a file against them and reports every problem with its line and field path
 * ({@link dev.modelfactory.app.pipelines.spec.PipelineParser}).
 */
package dev.modelfactory.app.pipelines.spec;
