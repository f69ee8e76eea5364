package io.sessionflow.store.synthetic;

import io.sessionflow.domain.Symbol;

/**
 * How one synthetic symbol behaves. Immutable.
 *
 * @param startPrice      the price the walk starts from on the first generated session
 * @param dailyVolatility standard deviation of the log return over one regular session
 * @param minuteVolume    typical shares per minute in the middle of the day (the open and close trade more)
 * @param liquid          liquid symbols trade every minute; illiquid ones miss minutes at the generator's gap rate
 */
public record SymbolProfile(Symbol symbol, double startPrice, double dailyVolatility, long minuteVolume,
                            boolean liquid) {
}
