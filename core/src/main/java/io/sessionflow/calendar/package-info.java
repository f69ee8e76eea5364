/**
 * Trading sessions per exchange: {@link io.sessionflow.calendar.TradingCalendar} answers which dates trade, when
 * each session opens and closes (holidays, special closures, early closes, DST through the exchange's zone), and
 * {@link io.sessionflow.calendar.Calendars} builds the calendars Sessionflow knows (XNYS, from rules).
 */
package io.sessionflow.calendar;
