/**
 * Benchmark mains of the ledger (test sources, run through {@code ledger/bench}): not unit tests,
 * they measure and print; results and how to read them are in {@code docs/benchmarks/}.
 */
package dev.modelfactory.ledger.bench;
