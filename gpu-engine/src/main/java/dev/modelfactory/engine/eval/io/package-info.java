/**
 * Suites as files: JSONL import and export ({@link dev.modelfactory.engine.eval.io.SuiteJsonl}); errors name
 * the file, line and field ({@link dev.modelfactory.engine.eval.io.SuiteFormatException}).
 */
package dev.modelfactory.engine.eval.io;
