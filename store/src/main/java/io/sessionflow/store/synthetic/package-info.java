/**
 * Seeded synthetic market data for demos, tests and benchmarks: {@link io.sessionflow.store.synthetic.SyntheticBars}
 * writes realistic 1-minute bars on the XNYS sessions of a date range, identical for identical seeds.
 */
package io.sessionflow.store.synthetic;
