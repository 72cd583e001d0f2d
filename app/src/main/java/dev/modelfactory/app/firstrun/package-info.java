/**
 * First run: when the studio opens with no workspace chosen anywhere ({@code --workspace},
 * {@code MODELFACTORY_HOME}, a remembered choice) and nothing at the default folder yet, the studio shows the
 * welcome ({@code studio.welcome}) instead of silently creating a workspace. This package decides that
 * ({@link dev.modelfactory.app.firstrun.FirstRun}), remembers the folder the user picked
 * ({@link dev.modelfactory.app.firstrun.RememberedWorkspace}) and backs the welcome with the real workspace,
 * starter kit and model discovery ({@link dev.modelfactory.app.firstrun.FirstRunWelcome}).
 */
package dev.modelfactory.app.firstrun;
