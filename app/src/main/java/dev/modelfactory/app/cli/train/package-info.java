/**
 * {@code modelfactory train}: train an adapter (or a whole small model with {@code --full}) on a dataset
 * version, and {@code train resume RUN}; both call {@link dev.modelfactory.app.training.TrainingService}.
 */
package dev.modelfactory.app.cli.train;
