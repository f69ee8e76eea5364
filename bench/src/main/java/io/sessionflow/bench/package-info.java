/**
 * JMH benchmarks of the stages {@code sessionflow bench} measures in one process ({@code -Pjmh} builds
 * {@code bench/target/benchmarks.jar}).
 */
package io.sessionflow.bench;
