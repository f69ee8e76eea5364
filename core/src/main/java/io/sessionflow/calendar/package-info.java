/**
 * Trading sessions per exchange: {@link io.sessionflow.calendar.TradingCalendar} answers which dates trade, when
 * each session opens and closes (holidays, special closures, early closes, DST through the exchange's zone; a
 * session may open the evening before its date) and which {@link io.sessionflow.calendar.SessionSegment segments}
 * (pre-market, market, post-market, halts between them) it has. {@link io.sessionflow.calendar.Calendars} builds
 * the calendars Sessionflow knows (XNYS, XLON, CMES and its equity-index hours from rules; FX 24/5; 24/7) and
 * calendars from a table of sessions.
 */
package io.sessionflow.calendar;
