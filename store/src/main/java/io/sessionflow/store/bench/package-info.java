/**
 * Benchmark fixtures shared by {@code sessionflow bench} and the JMH benchmarks: generated data and the plain JDBC
 * comparison path, which the product itself never uses.
 */
package io.sessionflow.store.bench;
