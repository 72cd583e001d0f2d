/**
 * The studio's training pages over the app: {@link dev.modelfactory.app.finetune.WorkspaceTrainingBackend}
 * implements studio-ui's TrainingBackend with app.training's TrainingService and the workspace's RunStore.
 */
package dev.modelfactory.app.finetune;
