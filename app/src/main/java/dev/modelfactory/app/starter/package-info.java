/**
 * The starter kit: {@link dev.modelfactory.app.starter.StarterBuild} rebuilds it from nothing (corpus,
 * tokenizer, from-scratch pre-training with the engine, demo datasets) and
 * {@link dev.modelfactory.app.starter.StarterKit} installs it into a workspace (what the studio offers on
 * first run and {@code modelfactory starter install} does): the model registered, each demo dataset imported
 * with its contributor, licence and permissions, split and frozen.
 */
package dev.modelfactory.app.starter;
