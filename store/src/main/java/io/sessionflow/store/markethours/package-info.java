/**
 * LEAN's {@code market-hours-database.json} read into Sessionflow trading calendars:
 * {@link io.sessionflow.store.markethours.LeanMarketHours} parses the file once and builds a
 * {@link io.sessionflow.calendar.TradingCalendar} for any entry, with its weekly segments, holidays, early closes
 * and late opens, sessions that cross midnight assembled by the exchange's trading date.
 */
package io.sessionflow.store.markethours;
