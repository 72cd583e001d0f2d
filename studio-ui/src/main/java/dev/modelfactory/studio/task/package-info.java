/**
 * Background tasks: a {@link dev.modelfactory.studio.task.BackgroundTask} is a titled piece of work with
 * progress, message, cancellation flag and FX-thread callbacks; a {@link dev.modelfactory.studio.task.TaskExecutor}
 * runs it (on a pool for the studio, inline for tests) and a {@link dev.modelfactory.studio.task.TaskRegistry}
 * lists every task for the task view and the status bar.
 */
package dev.modelfactory.studio.task;
