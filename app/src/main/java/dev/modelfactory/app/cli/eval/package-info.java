/**
 * {@code modelfactory eval}: run a suite on a model and its adapters in one job, list and make suites,
 * list stored results and compare two runs or two systems of a run with paired bootstrap intervals.
 */
package dev.modelfactory.app.cli.eval;
