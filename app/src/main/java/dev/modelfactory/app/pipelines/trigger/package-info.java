/**
 * Automatic triggers of a pipeline: its schedule ({@code triggers.schedule.every}) and its watched folder
 * ({@code triggers.watch}), hosted by the CLI's {@code pipeline watch} process or by the studio.
 */
package dev.modelfactory.app.pipelines.trigger;
