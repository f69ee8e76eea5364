/**
 * Immutable market-data values: {@link io.sessionflow.domain.Symbol}, {@link io.sessionflow.domain.Interval},
 * {@link io.sessionflow.domain.Bar}, {@link io.sessionflow.domain.Quote}, {@link io.sessionflow.domain.Trade},
 * the half-open {@link io.sessionflow.domain.TimeRange} and the columnar series that carry many of them.
 *
 * <p>Every record validates in its compact constructor and names the offending value in its message.
 * Instants are UTC; a bar's timestamp is the start of the half-open interval it covers.
 */
package io.sessionflow.domain;
