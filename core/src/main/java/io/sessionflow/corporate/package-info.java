/**
 * Corporate actions: splits and dividends with their ex-dates ({@link io.sessionflow.corporate.CorporateAction}),
 * LEAN's factor files ({@link io.sessionflow.corporate.FactorFile}), which carry both as cumulative price and split
 * factors, and map files ({@link io.sessionflow.corporate.MapFile}), which give the ticker a security traded under on
 * each date.
 */
package io.sessionflow.corporate;
