/**
 * Bars built from trades: {@link io.sessionflow.bars.TradeBarBuilder} turns a stream of trade prints into 1-minute
 * bars for feeds that send trades only, with a configurable late-trade grace ({@link io.sessionflow.bars.TradeBarConfig});
 * {@link io.sessionflow.bars.TradeBars} does the same for a whole {@link io.sessionflow.domain.TradeSeries} in a
 * backtest.
 *
 * <p>The bars it emits are ordinary streamed 1m bars (no flags). A bar emitted again for a minute that was already
 * final (a late trade) is a correction from the stream: the session's apply rules let it replace the held bar and
 * revise the derived windows that contain it, and a gap repair ({@code filled}) never replaces it. No bar is made
 * for a minute without trades: fill-forward stays the session's business.
 */
package io.sessionflow.bars;
