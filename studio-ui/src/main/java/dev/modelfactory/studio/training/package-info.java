/**
 * The Training page and what both training pages share: {@link dev.modelfactory.studio.training.TrainingBackend}
 * (implemented by the app over its TrainingService and the workspace's RunStore), the live session that
 * runs queued requests one at a time and coalesces metric points for the FX thread, and the curves,
 * run table and exports of the Training page.
 */
package dev.modelfactory.studio.training;
