/**
 * Corporate actions and price normalization: splits and dividends with their ex-dates
 * ({@link io.sessionflow.corporate.CorporateAction}), LEAN's factor files ({@link io.sessionflow.corporate.FactorFile}),
 * which carry both as cumulative price and split factors, and map files ({@link io.sessionflow.corporate.MapFile}),
 * which give the ticker a security traded under on each date; where a run's factors come from
 * ({@link io.sessionflow.corporate.CorporateActions}) and how prices and volumes are put on one basis
 * ({@link io.sessionflow.corporate.Normalization}, {@link io.sessionflow.corporate.PriceAdjustment}).
 */
package io.sessionflow.corporate;
