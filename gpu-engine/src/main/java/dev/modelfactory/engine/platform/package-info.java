/**
 * What this machine offers the engine: processor, cores, SIMD width and memory, read without native
 * code so that {@code doctor} and the studio's status bar can tell the user what will run their work.
 */
package dev.modelfactory.engine.platform;
